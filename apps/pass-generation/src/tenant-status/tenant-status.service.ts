import { Injectable } from '@nestjs/common';
import { DomainError, TenantPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { systemContext } from '../internal/system-context';

/**
 * Whether a tenant's passes may still be served to devices and holders. tenant-management
 * owns the status; it is asked on each such request (Wallet calls are rare), so a
 * suspension bites at once on every replica.
 */
@Injectable()
export class TenantStatusService {
  constructor(private readonly rpc: RpcClient) {}

  async isActive(requestId: string, tenantId: string): Promise<boolean> {
    try {
      const profile = await this.rpc.send(TenantPatterns.getTenantProfile, systemContext(tenantId, requestId), {});
      return profile.status === 'active';
    } catch (error) {
      // A tenant that no longer exists serves nothing either.
      if (error instanceof DomainError && error.code === 'not_found') return false;
      throw error;
    }
  }
}
