import { AdminSession } from './admins/admin-session.entity';
import { SuperAdmin } from './admins/super-admin.entity';
import { ApiKey } from './api-keys/api-key.entity';
import { BearerToken } from './bearer-tokens/bearer-token.entity';
import { Scanner } from './scanners/scanner.entity';
import { Tenant } from './tenants/tenant.entity';
import { WalletCredential } from './wallet-credentials/wallet-credential.entity';
import { OutboxEvent } from '@wp/events';
import { CertificateExpiryAlert } from './certificate-expiry/certificate-expiry-alert.entity';
import { AuditEntry } from './audit-log/audit-entry.entity';
import { migrations } from './migrations';

/** The tenant-management schema: its entities and the migrations that build them. */
export const tenantDatabase = {
  schema: 'tenant',
  entities: [SuperAdmin, AdminSession, BearerToken, Tenant, ApiKey, WalletCredential, OutboxEvent, CertificateExpiryAlert, AuditEntry, Scanner],
  migrations,
};
