import { Inject, Injectable } from '@nestjs/common';
import { PassInternalPatterns, PushOutcomeRecord } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';

/** How long a delivered push's trace step may wait for company, and how many go in one call. */
const FLUSH_AFTER_MS = 100;
const MAX_PER_CALL = 200;

/**
 * Delivered pushes' apns_push trace steps, gathered for a moment and sent to pass-generation
 * in one call per tenant: in a burst, one call and one insert per few hundred pushes instead
 * of one each. A trace step is a record, never part of delivery: one that cannot be written
 * is logged and dropped. The push worker flushes it at shutdown, after draining. Refused pushes do not come here; their step must precede the
 * unregistration they cause, so PassPusher records it directly.
 */
@Injectable()
export class PushTraceBuffer {
  private readonly pending = new Map<string, PushOutcomeRecord[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  add(tenantId: string, record: PushOutcomeRecord): void {
    const records = this.pending.get(tenantId) ?? [];
    records.push(record);
    this.pending.set(tenantId, records);
    if (records.length >= MAX_PER_CALL) void this.flushTenant(tenantId);
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all([...this.pending.keys()].map((tenantId) => this.flushTenant(tenantId)));
  }

  private async flushTenant(tenantId: string): Promise<void> {
    const pushes = this.pending.get(tenantId);
    this.pending.delete(tenantId);
    if (!pushes?.length) return;
    try {
      await this.rpc.send(PassInternalPatterns.recordPushes, { requestId: `push-trace:${pushes[0].pass_id}`, tenantId, actor: { kind: 'system', service: 'notification' } }, { pushes });
    } catch (error) {
      this.logger.warn({ err: error, steps: pushes.length }, 'could not record pushes on the pass traces');
    }
  }
}
