import type { PushTargets } from '@wp/contracts';

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

type Credentials = NonNullable<PushTargets['credentials']>;

/**
 * The APNs credentials of recently fanned-out passes, so device jobs (one per device) do not
 * each ask pass-generation again. In memory only: a miss just asks.
 */
export class PushCredentialsCache {
  private readonly entries = new Map<string, { credentials: Credentials; expiresAt: number }>();

  get(tenantId: string, passId: string, now = Date.now()): Credentials | undefined {
    const key = `${tenantId}/${passId}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.credentials;
  }

  set(tenantId: string, passId: string, credentials: Credentials, now = Date.now()): void {
    const key = `${tenantId}/${passId}`;
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { credentials, expiresAt: now + TTL_MS });
  }
}
