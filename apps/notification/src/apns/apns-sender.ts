import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ApnsClient, ApnsPushRequest, ApnsResult } from '@wp/apns';
import { UpstreamGuard, processMetrics } from '@wp/observability';
import { CONFIG } from '@wp/service-runtime';
import type { NotificationConfig } from '../config';

/**
 * The process's one APNs client: it keeps one HTTP/2 session per Pass Type ID certificate
 * (Apple asks providers to reuse connections), opened on the first push and closed on
 * shutdown after in-flight pushes finish. Every push goes through the tenant's APNs circuit:
 * after repeated 5xx/429/network failures the tenant's pushes wait (UpstreamCircuitOpen,
 * the job is delayed) instead of hammering APNs, and one test push closes it again.
 */
@Injectable()
export class ApnsSender implements OnApplicationShutdown {
  private readonly client: ApnsClient;
  private readonly guard: UpstreamGuard<ApnsResult>;

  constructor(@Inject(CONFIG) config: NotificationConfig) {
    // No connection is opened here: sessions start with the first push to a certificate.
    this.client = new ApnsClient({ url: config.APNS_URL });
    this.guard = new UpstreamGuard<ApnsResult>({
      upstream: 'apns',
      threshold: config.UPSTREAM_BREAKER_THRESHOLD,
      halfOpenAfterMs: config.UPSTREAM_BREAKER_HALF_OPEN_MS,
      // ApnsClient answers every failure as a result; `retry` is APNs' own trouble (429, 5xx, network).
      outcomeOf: (result) => ({ status: result.status ? String(result.status) : (result.reason ?? 'network').toLowerCase(), unhealthy: result.outcome === 'retry' }),
      outcomeOfError: () => ({ status: 'error', unhealthy: true }),
    });
  }

  async push(tenantId: string, request: ApnsPushRequest): Promise<ApnsResult> {
    const result = await this.guard.call(tenantId, () => this.client.push(request));
    processMetrics().pushes.inc({ platform: 'ios', outcome: result.outcome });
    return result;
  }

  /** After every module's destroy hook, so the push worker has drained before sessions close. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
