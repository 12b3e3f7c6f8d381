import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { SecretBox } from '@wp/crypto';
import { UpstreamGuard, traceCarrier } from '@wp/observability';
import { DataSource } from 'typeorm';
import { DestinationPolicy } from './egress/destination-policy';
import { SendOutcome, WebhookSender } from './egress/webhook-sender';
import { WEBHOOK_CONFIG, WebhookConfig } from './webhook.config';
import { WebhookDelivery } from './webhook-delivery.entity';
import { signatureHeaders } from './webhook-signature';
import { Webhook } from './webhook.entity';

/** Associated data of a sealed webhook secret: its tenant and its endpoint. */
export const secretAad = (tenantId: string, webhookId: string) => `${tenantId}:webhook:${webhookId}`;

export const WEBHOOK_SENDER = Symbol('WEBHOOK_SENDER');

export function createWebhookSender(config: WebhookConfig): WebhookSender {
  return new WebhookSender({
    policy: new DestinationPolicy(config.WEBHOOK_ALLOW_LOOPBACK),
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    maxResponseBytes: config.WEBHOOK_MAX_RESPONSE_BYTES,
  });
}

/**
 * One attempt: sign with a fresh timestamp, send, record the attempt. A 410 disables the
 * endpoint (the receiver says it is gone for good), so nothing more is queued for it.
 */
@Injectable()
export class WebhookDeliverer implements OnModuleDestroy {
  private readonly testTimeoutMs: number;
  /** Per-tenant circuit over its receivers: one answering 5xx/429 or not at all holds its deliveries back (they wait, not fail). */
  private readonly guard: UpstreamGuard<SendOutcome>;

  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
    @Inject(WEBHOOK_SENDER) private readonly sender: WebhookSender,
    @Inject(WEBHOOK_CONFIG) config: WebhookConfig,
  ) {
    // A test send answers within the caller's RPC time-out instead of the full 15 s.
    this.testTimeoutMs = Math.max(1000, Math.min(config.WEBHOOK_TIMEOUT_MS, config.RPC_TIMEOUT_MS - 1000));
    this.guard = new UpstreamGuard<SendOutcome>({
      upstream: 'webhook',
      threshold: config.UPSTREAM_BREAKER_THRESHOLD,
      halfOpenAfterMs: config.UPSTREAM_BREAKER_HALF_OPEN_MS,
      outcomeOf: (outcome) => ({
        status: outcome.statusCode === null ? 'network' : String(outcome.statusCode),
        unhealthy: outcome.statusCode === null || outcome.statusCode === 429 || outcome.statusCode >= 500,
      }),
      outcomeOfError: () => ({ status: 'error', unhealthy: true }),
    });
  }

  onModuleDestroy(): void {
    this.sender.close();
  }

  async attempt(
    webhook: Webhook,
    eventId: string,
    eventType: string,
    body: string,
    attempt: number,
    opts: { test?: boolean } = {},
  ): Promise<{ delivery: WebhookDelivery; outcome: SendOutcome }> {
    const secret = this.box.openText(webhook.sealedSecret, secretAad(webhook.tenantId, webhook.id));
    const send = () => this.sender.send(webhook.url, { ...signatureHeaders(secret, eventId, body), ...traceCarrier() }, body, opts.test ? this.testTimeoutMs : undefined);
    // A test send is the operator asking "does it work now?": it always goes out.
    const outcome = opts.test ? await send() : await this.guard.call(webhook.tenantId, send);
    const deliveries = this.db.getRepository(WebhookDelivery);
    const delivery = deliveries.create({
      tenantId: webhook.tenantId,
      webhookId: webhook.id,
      eventId,
      eventType,
      attempt,
      statusCode: outcome.statusCode,
      success: outcome.success,
      error: outcome.error?.slice(0, 300) ?? null,
      responseNote: outcome.responseNote,
      durationMs: outcome.durationMs,
    });
    // insert, not save: one statement, no wrapping transaction; id and created_at come back.
    await deliveries.insert(delivery);
    if (outcome.statusCode === 410) {
      await this.db
        .getRepository(Webhook)
        .update({ id: webhook.id, tenantId: webhook.tenantId }, { status: 'disabled', disabledReason: 'the receiver answered 410 Gone' });
    }
    return { delivery, outcome };
  }
}

