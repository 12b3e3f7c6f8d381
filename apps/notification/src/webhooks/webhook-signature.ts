import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const SECRET_PREFIX = 'whsec_';

/** Standard Webhooks: 24 to 64 random bytes, shown as `whsec_` + base64. We use 32. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The three Standard Webhooks headers for one attempt, signed by the `standardwebhooks`
 * reference library: HMAC-SHA256 keyed with the secret's decoded bytes over
 * `id.timestamp.body` (the exact body bytes sent), as `v1,<base64>`. The id is the event id,
 * stable across retries so receivers can deduplicate; the timestamp is the attempt's, so a
 * retry is never rejected as stale.
 */
export function signatureHeaders(secret: string, id: string, body: string, now: Date = new Date()): Record<string, string> {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('not a whsec_ secret');
  return {
    'webhook-id': id,
    'webhook-timestamp': Math.floor(now.getTime() / 1000).toString(),
    'webhook-signature': new Webhook(secret).sign(id, now, body),
  };
}
