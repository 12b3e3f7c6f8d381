import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DoctorPatterns, Message, TenantDoctorView, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { WalletCredentialsService } from '../wallet-credentials/wallet-credentials.service';
import { checkAppleCredentials, checkGoogleCredentials } from './credential-checks';

@Controller()
export class TenantDoctorController {
  constructor(private readonly credentials: WalletCredentialsService) {}

  @Rpc(DoctorPatterns.tenant)
  async check(@Payload() { ctx }: Message<Record<string, never>>): Promise<TenantDoctorView> {
    const tenantId = requireTenant(ctx);
    const [apple, google] = await Promise.all([this.credentials.appleSigning(tenantId), this.credentials.googleWallet(tenantId)]);
    const checks = [...checkAppleCredentials(apple, new Date()), ...checkGoogleCredentials(google)];
    return { ok: checks.every((check) => check.status !== 'error'), checks };
  }
}
