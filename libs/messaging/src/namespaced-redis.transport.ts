import { ClientRedis, RedisOptions, ServerRedis } from '@nestjs/microservices';

/**
 * Redis pub/sub channels are global to a Redis server (database numbers do not separate
 * them), so two fleets on one Redis (a laptop running `npm start` while `npm test` boots
 * its own fleet, or staging beside production) would answer each other's requests. Every
 * channel therefore carries the fleet namespace.
 */
export function transportOptions(redisUrl: string): RedisOptions['options'] {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // Without retryAttempts ioredis gives up reconnecting and the service goes deaf
    // (reference/transport.md §1, nest#14559).
    retryAttempts: Number.MAX_SAFE_INTEGER,
    retryDelay: 500,
  };
}

export class NamespacedRedisServer extends ServerRedis {
  private readonly prefix: string;

  constructor(namespace: string, redisUrl: string) {
    super(transportOptions(redisUrl) ?? {});
    this.prefix = `${namespace}:`;
  }

  override getRequestPattern(pattern: string): string {
    return `${this.prefix}${pattern}`;
  }

  override getHandlerByPattern(pattern: string) {
    const bare = pattern.startsWith(this.prefix) ? pattern.slice(this.prefix.length) : pattern;
    return super.getHandlerByPattern(bare);
  }
}

export class NamespacedRedisClient extends ClientRedis {
  private readonly prefix: string;

  constructor(namespace: string, redisUrl: string) {
    super(transportOptions(redisUrl) ?? {});
    this.prefix = `${namespace}:`;
  }

  override getRequestPattern(pattern: string): string {
    return `${this.prefix}${pattern}`;
  }

  override getReplyPattern(pattern: string): string {
    return `${this.prefix}${pattern}.reply`;
  }
}
