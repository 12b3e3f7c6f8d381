import type { ServiceDataSourceOptions } from '@wp/database';
import { tenantDatabase } from '../apps/tenant-management/src/database';

type DatabaseDefinition = Omit<ServiceDataSourceOptions, 'url'>;

/** Each service's schema definition, for the migration generator. */
export const serviceDatabases: Record<string, { dir: string; database: DatabaseDefinition }> = {
  'tenant-management': { dir: 'apps/tenant-management/src/migrations', database: tenantDatabase },
};
