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
import { WalletCredentialsService } from './wallet-credentials.service';

@Controller()
export class WalletCredentialsController {
  constructor(private readonly credentials: WalletCredentialsService) {}

  @Rpc(TenantPatterns.putAppleCredentials)
  putApple(@Payload() { ctx, payload }: Message<AppleCredentialsDto>): Promise<AppleWalletView> {
    return this.credentials.putApple(requireTenant(ctx), payload);
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
