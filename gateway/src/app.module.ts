import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { RpcClient } from '@wp/messaging';
import type { Metrics } from '@wp/observability';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { OperatorAuditGuard } from './audit/operator-audit.guard';
import { CredentialGuard } from './auth/credential.guard';
import { EnvelopeInterceptor } from './core/envelope.interceptor';
import { HttpErrorFilter } from './core/http-error.filter';
import { CONFIG, GatewayConfig, LOGGER, METRICS, REDIS } from './core/tokens';
import { contractValidationPipe } from './core/validation.pipe';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { AppleRoutesModule } from './routes/apple/apple-routes.module';
import { MemberRoutesModule } from './routes/member/member-routes.module';
import { DistributionRoutesModule } from './routes/notification/distribution-routes.module';
import { NotificationRoutesModule } from './routes/notifications/notification-routes.module';
import { PassRoutesModule } from './routes/pass/pass-routes.module';
import { TenantRoutesModule } from './routes/tenant/tenant-routes.module';
import { InsightsRoutesModule } from './routes/insights/insights-routes.module';
import { WebhookRoutesModule } from './routes/webhooks/webhook-routes.module';
import { DoctorRoutesModule } from './routes/doctor/doctor-routes.module';
import { EnrollmentRoutesModule } from './routes/enrollment/enrollment-routes.module';
import { ConsoleRoutesModule } from './routes/console/console-routes.module';
import { CouponRoutesModule } from './routes/coupons/coupon-routes.module';
import { ScanningRoutesModule } from './routes/scanning/scanning-routes.module';

export interface GatewayRuntime {
  config: GatewayConfig;
  redis: Redis;
  rpc: RpcClient;
  logger: Logger;
  metrics: Metrics;
}

@Global()
@Module({})
class GatewayRuntimeModule {
  static forRoot(runtime: GatewayRuntime): DynamicModule {
    return {
      module: GatewayRuntimeModule,
      providers: [
        { provide: CONFIG, useValue: runtime.config },
        { provide: REDIS, useValue: runtime.redis },
        { provide: LOGGER, useValue: runtime.logger },
        { provide: METRICS, useValue: runtime.metrics },
        { provide: RpcClient, useValue: runtime.rpc },
      ],
      exports: [CONFIG, REDIS, LOGGER, METRICS, RpcClient],
    };
  }
}

@Module({})
export class GatewayModule {
  static forRoot(runtime: GatewayRuntime): DynamicModule {
    return {
      module: GatewayModule,
      imports: [GatewayRuntimeModule.forRoot(runtime), TenantRoutesModule, MemberRoutesModule, WebhookRoutesModule, InsightsRoutesModule, DistributionRoutesModule, PassRoutesModule, AppleRoutesModule, NotificationRoutesModule, DoctorRoutesModule, EnrollmentRoutesModule, CouponRoutesModule, ScanningRoutesModule, ConsoleRoutesModule],
      controllers: [HealthController],
      providers: [
        // Guards run in this order: who is calling, the audit entry of an operator's change
        // (before anything can refuse or apply it), then how fast they may call.
        { provide: APP_GUARD, useClass: CredentialGuard },
        { provide: APP_GUARD, useClass: OperatorAuditGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        // Interceptors nest in this order: idempotency sees the finished envelope.
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        { provide: APP_PIPE, useFactory: contractValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
