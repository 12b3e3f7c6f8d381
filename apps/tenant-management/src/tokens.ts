import type { ServiceConfig } from '@wp/config';
import type { tenantManagementSpec } from './config';

export type TenantManagementConfig = ServiceConfig<typeof tenantManagementSpec>;

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
