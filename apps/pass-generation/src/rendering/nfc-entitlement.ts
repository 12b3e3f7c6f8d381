import { CallContext, DomainError, TenantPatterns } from '@wp/contracts';
import type { RpcClient } from '@wp/messaging';
import type { PassContent } from './pass-content';

export const NFC_NOT_ENABLED =
  "NFC needs Apple's NFC entitlement on the tenant's Pass Type ID certificate (Apple grants it on request, per certificate), and Wallet refuses an NFC pass signed without it. " +
  'Once Apple has granted it, an admin enables NFC for the tenant with PATCH /v1/tenants/{id} {"nfc_enabled": true}';

/**
 * NFC content is accepted only for a tenant whose setting `nfc_enabled` is on (spec/API.md
 * §8.5): a 422 that says why otherwise. Checked before anything is written.
 */
export async function assertNfcAllowed(rpc: RpcClient, ctx: CallContext, content: PassContent): Promise<void> {
  if (!content.nfc) return;
  const profile = await rpc.send(TenantPatterns.getTenantProfile, ctx, {});
  if (!profile.nfcEnabled) throw new DomainError('unprocessable', NFC_NOT_ENABLED, [{ field: 'nfc', message: 'NFC is not enabled for this tenant' }]);
}
