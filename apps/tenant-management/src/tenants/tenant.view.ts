import type { TenantView, WalletsView } from '@wp/contracts';
import { iso } from '../tokens';
import type { WalletCredential } from '../wallet-credentials/wallet-credential.entity';
import type { Tenant } from './tenant.entity';

/** Only metadata of wallet credentials is ever shown; the sealed secrets never leave. */
export function walletsView(credentials: WalletCredential[]): WalletsView {
  const apple = credentials.find((c) => c.wallet === 'apple');
  const google = credentials.find((c) => c.wallet === 'google');
  return {
    apple: apple ? { configured: true, ...apple.metadata, not_after: apple.metadata.expires_at, updated_at: iso(apple.updatedAt) ?? undefined } : { configured: false },
    google: google ? { configured: true, ...google.metadata, updated_at: iso(google.updatedAt) ?? undefined } : { configured: false },
  };
}

export function tenantView(tenant: Tenant, credentials: WalletCredential[]): TenantView {
  return {
    tenant_id: tenant.id,
    company_name: tenant.companyName,
    contact_email: tenant.contactEmail,
    contact_name: tenant.contactName,
    status: tenant.status,
    nfc_enabled: tenant.nfcEnabled,
    currency: tenant.currency,
    created_at: tenant.createdAt.toISOString(),
    updated_at: tenant.updatedAt.toISOString(),
    wallets: walletsView(credentials),
  };
}
