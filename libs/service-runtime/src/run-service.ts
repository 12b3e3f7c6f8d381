import 'reflect-metadata';
import { DynamicModule, Global, INestMicroservice, Logger, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { Pattern, ServiceName } from '@wp/contracts';
import { ServiceConfig, Spec, loadConfig } from '@wp/config';
import { SecretBox } from '@wp/crypto';
import { ServiceDataSourceOptions, openServiceDatabase } from '@wp/database';
import { RERUN_SAFE_PATTERNS } from '@wp/contracts';
import { BusSeal, CallCommitGuard, RedisStreamsServer, RpcClient, RpcContextInterceptor, RpcErrorFilter } from '@wp/messaging';
import { PinoNestLogger, createLogger, createMetrics, startOpsServer, startTracing } from '@wp/observability';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { healthController } from './health.controller';
import { CONFIG, LOGGER, METRICS, REDIS } from './tokens';

export interface ServiceDefinition<S extends Spec> {
  name: ServiceName;
  healthPattern: Pattern;
  /** The service's feature module(s). */
  module: Type<unknown>;
  /** Variables this service reads beyond the fleet's own. */
  config?: S;
  database: Omit<ServiceDataSourceOptions, 'url'>;
}

/**
 * The one `main` of every service: validated config, JSON logs, migrations, the Redis
 * transport (namespaced), a private health/metrics port, and a graceful SIGTERM.
 * `node main.js migrate` only applies the migrations and exits (the deploy's migration step).
 */
export async function runService<S extends Spec>(def: ServiceDefinition<S>): Promise<void> {
  const config = loadConfig(def.config ?? ({} as S));
  // Before anything that could start a span; off unless OTEL_* variables point at a collector.
  const tracing = startTracing(def.name);
  const metrics = createMetrics(def.name);
  const logger = createLogger(def.name, config.LOG_LEVEL);
  // Nest's static loggers (transport clients, etc.) write JSON lines too, from the first one.
  Logger.overrideLogger(new PinoNestLogger(logger));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const dataSource = await openServiceDatabase({ ...def.database, url: config.DATABASE_URL, applicationName: def.name });
  if (process.argv.includes('migrate')) {
    logger.info({ schema: def.database.schema }, 'migrations applied');
    await dataSource.destroy();
    return;
  }

  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true, connectionName: `${config.WP_NAMESPACE}:${def.name}` });
  await redis.connect();
  const rpc = new RpcClient({
    namespace: config.WP_NAMESPACE,
    redisUrl: config.REDIS_URL,
    timeoutMs: config.RPC_TIMEOUT_MS,
    masterKey: config.masterKey,
    livenessMs: config.RPC_LIVENESS_MS,
  });
  await rpc.connect();
  // Every COMMIT inside an RPC call first asks the bus whether the caller still waits.
  dataSource.subscribers.push(new CallCommitGuard());
  const bus = new RedisStreamsServer({
    namespace: config.WP_NAMESPACE,
    service: def.name,
    redisUrl: config.REDIS_URL,
    seal: BusSeal.derive(config.masterKey, config.WP_NAMESPACE),
    concurrency: config.RPC_CONCURRENCY,
    livenessMs: config.RPC_LIVENESS_MS,
    rerunSafe: RERUN_SAFE_PATTERNS,
    onCall: (pattern) => metrics.rpcCalls.inc({ pattern }),
  });
  const checks = {
    postgres: async () => void (await dataSource.query('SELECT 1')),
    redis: async () => void (await redis.ping()),
    // Goes false first on SIGTERM, so a load balancer stops sending before the drain.
    bus: async () => {
      if (!bus.accepting) throw new Error('draining');
    },
  };

  @Global()
  @Module({})
  class RuntimeModule {
    static forRoot(): DynamicModule {
      return {
        module: RuntimeModule,
        providers: [
          { provide: CONFIG, useValue: config },
          { provide: LOGGER, useValue: logger },
          { provide: METRICS, useValue: metrics },
          { provide: REDIS, useValue: redis },
          { provide: DataSource, useValue: dataSource },
          { provide: RpcClient, useValue: rpc },
          { provide: SecretBox, useValue: new SecretBox(config.masterKey, config.masterKeyId) },
        ],
        exports: [CONFIG, LOGGER, METRICS, REDIS, DataSource, RpcClient, SecretBox],
      };
    }
  }

  @Module({
    imports: [RuntimeModule.forRoot(), def.module],
    controllers: [healthController(def.name, def.healthPattern, checks)],
    providers: [
      { provide: APP_INTERCEPTOR, useClass: RpcContextInterceptor },
      { provide: APP_FILTER, useClass: RpcErrorFilter },
    ],
  })
  class ServiceRootModule {}

  const app: INestMicroservice = await NestFactory.createMicroservice(ServiceRootModule, {
    strategy: bus,
    logger: new PinoNestLogger(logger),
  });
  await app.listen();
  const ops = await startOpsServer({ port: config.OPS_PORT, host: config.OPS_HOST, service: def.name, registry: metrics.registry, checks });
  logger.info({ opsPort: ops.port, namespace: config.WP_NAMESPACE, replica: bus.consumer }, `${def.name} ready`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS).unref();
    try {
      // Stop taking messages first, then let modules drain their workers, then close pools.
      await app.close();
      await ops.close();
      await rpc.close();
      await redis.quit();
      await dataSource.destroy();
      await tracing.shutdown().catch(() => undefined);
    } finally {
      clearTimeout(force);
      logger.info('stopped');
      logger.flush?.();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

export type { ServiceConfig };
