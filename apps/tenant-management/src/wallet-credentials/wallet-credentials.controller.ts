import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AppleCredentialsDto,
  AppleSigningCredentials,
  AppleWalletView,
  GoogleCredentialsDto,
  GoogleWalletCredentials,
  GoogleWalletView,
  Message,
  TenantPatterns,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { CertificateExpiryService } from '../certificate-expiry/certificate-expiry.service';
import { WalletCredentialsService } from './wallet-credentials.service';

@Controller()
export class WalletCredentialsController {
  constructor(
    private readonly credentials: WalletCredentialsService,
    private readonly expiry: CertificateExpiryService,
  ) {}

  @Rpc(TenantPatterns.putAppleCredentials)
  async putApple(@Payload() { ctx, payload }: Message<AppleCredentialsDto>): Promise<AppleWalletView> {
    const view = await this.credentials.putApple(requireTenant(ctx), payload);
    // Checked at upload too: a certificate 10 days from expiry alerts now, not tomorrow.
    await this.expiry.checkTenant(requireTenant(ctx));
    return view;
  }

  @Rpc(TenantPatterns.putGoogleCredentials)
  putGoogle(@Payload() { ctx, payload }: Message<GoogleCredentialsDto>): Promise<GoogleWalletView> {
    return this.credentials.putGoogle(requireTenant(ctx), payload);
  }

  @Rpc(TenantPatterns.getAppleSigningCredentials)
  appleSigning(@Payload() { ctx }: Message<Record<string, never>>): Promise<AppleSigningCredentials | null> {
    return this.credentials.appleSigning(requireTenant(ctx));
  }

  @Rpc(TenantPatterns.getGoogleWalletCredentials)
  googleWallet(@Payload() { ctx }: Message<Record<string, never>>): Promise<GoogleWalletCredentials | null> {
    return this.credentials.googleWallet(requireTenant(ctx));
  }
}
