import { Inject, Injectable } from '@nestjs/common';
import { CREDENTIALS_CHANGED_CHANNEL } from '@wp/contracts';
import { CONFIG, REDIS } from '@wp/service-runtime';
import Redis from 'ioredis';
import type { TenantManagementConfig } from '../tokens';

/**
 * Tells every gateway replica to drop its credential cache after a revoke or suspension,
 * so the change bites at once; the cache's 1 s lifetime bounds it if this notice is lost.
 */
@Injectable()
export class CredentialsChangedPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: TenantManagementConfig,
  ) {}

  async publish(reason: string): Promise<void> {
    await this.redis.publish(`${this.config.WP_NAMESPACE}:${CREDENTIALS_CHANGED_CHANNEL}`, reason);
  }
}
