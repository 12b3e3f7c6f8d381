import type { PushTargets } from '@wp/contracts';

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

export type Credentials = NonNullable<PushTargets['credentials']>;

/**
 * The APNs certificate of each tenant's pass type (topic), so a burst of fan-outs and device
 * pushes does not fetch it from pass-generation (and tenant-management) once per pass. In
 * memory only: a miss just asks. A replaced certificate is picked up within the TTL, and at
 * once when the cached one is refused (PassPusher forgets it).
 */
export class PushCredentialsCache {
  private readonly entries = new Map<string, { credentials: Credentials; expiresAt: number }>();
  private readonly lastTopic = new Map<string, string>();

  get(tenantId: string, topic: string, now = Date.now()): Credentials | undefined {
    const key = `${tenantId}/${topic}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.credentials;
  }

  /** Whether a certificate of the tenant is cached, for the topic its passes were last seen under. */
  hasTenant(tenantId: string, now = Date.now()): boolean {
    const topic = this.lastTopic.get(tenantId);
    return topic !== undefined && this.get(tenantId, topic, now) !== undefined;
  }

  set(tenantId: string, topic: string, credentials: Credentials, now = Date.now()): void {
    const key = `${tenantId}/${topic}`;
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { credentials, expiresAt: now + TTL_MS });
    this.lastTopic.delete(tenantId);
    if (this.lastTopic.size >= MAX_ENTRIES) {
      const oldest = this.lastTopic.keys().next().value;
      if (oldest !== undefined) this.lastTopic.delete(oldest);
    }
    this.lastTopic.set(tenantId, topic);
  }

  forget(tenantId: string, topic: string): void {
    this.entries.delete(`${tenantId}/${topic}`);
  }
}
