import { Module } from '@nestjs/common';
import { outboxRelayProvider } from '@wp/events';
import { CertificateExpiryQueue } from './certificate-expiry/certificate-expiry.queue';
import { CertificateExpiryService } from './certificate-expiry/certificate-expiry.service';
import { AuditLogController } from './audit-log/audit-log.controller';
import { AuditLogService } from './audit-log/audit-log.service';
import { AdminsController } from './admins/admins.controller';
import { AdminsService } from './admins/admins.service';
import { LoginThrottle } from './admins/login-throttle';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { BearerTokensController } from './bearer-tokens/bearer-tokens.controller';
import { BearerTokensService } from './bearer-tokens/bearer-tokens.service';
import { CredentialResolverController } from './credentials/credential-resolver.controller';
import { CredentialResolverService } from './credentials/credential-resolver.service';
import { CredentialsChangedPublisher } from './credentials/credentials-changed.publisher';
import { TenantDoctorController } from './doctor/tenant-doctor.controller';
import { ScannersController } from './scanners/scanners.controller';
import { ScannersService } from './scanners/scanners.service';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';
import { WalletCredentialsController } from './wallet-credentials/wallet-credentials.controller';
import { WalletCredentialsService } from './wallet-credentials/wallet-credentials.service';

@Module({
  controllers: [AdminsController, BearerTokensController, TenantsController, ApiKeysController, WalletCredentialsController, CredentialResolverController, TenantDoctorController, AuditLogController, ScannersController],
  providers: [
    AdminsService,
    LoginThrottle,
    BearerTokensService,
    TenantsService,
    ApiKeysService,
    WalletCredentialsService,
    CredentialResolverService,
    CredentialsChangedPublisher,
    CertificateExpiryService,
    CertificateExpiryQueue,
    AuditLogService,
    ScannersService,
    // tenant.* events (certificate expiry) leave through this service's outbox.
    outboxRelayProvider(),
  ],
})
export class TenantManagementModule {}
