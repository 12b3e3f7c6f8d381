import { Injectable } from '@nestjs/common';
import { TenantPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { systemContext } from '../internal/system-context';

/**
 * The tenant's currency (tenant-management owns it), asked when a version that shows
 * `{balance}` is rendered: once per version, so a changed currency shows from the next one.
 */
@Injectable()
export class TenantCurrencyService {
  constructor(private readonly rpc: RpcClient) {}

  async of(tenantId: string, requestId: string): Promise<string> {
    const profile = await this.rpc.send(TenantPatterns.getTenantProfile, systemContext(tenantId, requestId), {});
    return profile.currency;
  }
}
