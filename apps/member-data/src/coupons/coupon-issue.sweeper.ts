import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CONFIG } from '@wp/service-runtime';
import type { MemberDataConfig } from '../tokens';
import { CouponIssuesService } from './coupon-issues.service';

/**
 * Runs the coupon sweep (CouponIssuesService.sweep) every COUPON_SWEEP_MS on every replica.
 * Replicas may sweep the same issue at once: making its pass is idempotent and the state
 * changes are conditional, so the second one changes nothing.
 */
@Injectable()
export class CouponIssueSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CouponIssueSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly issues: CouponIssuesService,
    @Inject(CONFIG) private readonly config: MemberDataConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.issues
        .sweep()
        .catch((error: unknown) => this.logger.warn(`coupon sweep failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, this.config.COUPON_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
