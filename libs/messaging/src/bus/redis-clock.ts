/**
 * The local estimate of Redis's clock. Deadlines are in Redis time so that callers and
 * replicas on different machines agree on them; every script that returns Redis's TIME
 * refreshes the offset.
 */
export class RedisClock {
  private offset = 0;

  observe(redisNow: number, sentAt: number, receivedAt = Date.now()): void {
    this.offset = redisNow - (sentAt + receivedAt) / 2;
  }

  now(): number {
    return Date.now() + this.offset;
  }

  toLocal(redisMs: number): number {
    return redisMs - this.offset;
  }
}
