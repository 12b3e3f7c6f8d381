import { randomBytes } from 'node:crypto';
import type { Fleet } from './fleet';
import type { ApiClient } from './http-client';

export const ADMIN_PASSWORD = 'SecurePassword123!';

export interface Admin {
  email: string;
  accessToken: string;
  api: ApiClient;
}

export interface TenantFixture {
  tenantId: string;
  apiKey: string;
  api: ApiClient;
}

/** Bootstraps the fleet's super admin (once per fleet) and returns a client with its token. */
export async function bootstrapAdmin(fleet: Fleet, email = 'admin@walletpass.ai'): Promise<Admin> {
  const response = await fleet.api.post('/v1/bootstrap/super-admin', { email, password: ADMIN_PASSWORD, name: 'Super Admin' });
  if (response.status !== 201) throw new Error(`bootstrap failed: ${response.status} ${response.text}`);
  const accessToken = response.body.data.access_token as string;
  return { email, accessToken, api: fleet.api.withBearer(accessToken) };
}

/** Onboards a tenant through the API, as an operator would, and returns its first API key. */
export async function onboardTenant(fleet: Fleet, admin: Admin, companyName = `Tenant ${randomBytes(3).toString('hex')}`): Promise<TenantFixture> {
  const response = await admin.api.post('/v1/onboard', {
    company_name: companyName,
    contact_email: 'ops@example.com',
    contact_name: 'Operator',
  });
  if (response.status !== 201) throw new Error(`onboard failed: ${response.status} ${response.text}`);
  const { tenant_id: tenantId, api_key: apiKey } = response.body.data as { tenant_id: string; api_key: string };
  return { tenantId, apiKey, api: fleet.api.withApiKey(apiKey) };
}
