import type { ServiceDataSourceOptions } from '@wp/database';
import { memberDatabase } from '../apps/member-data/src/database';
import { notificationDatabase } from '../apps/notification/src/database';
import { passDatabase } from '../apps/pass-generation/src/database';
import { tenantDatabase } from '../apps/tenant-management/src/database';

type DatabaseDefinition = Omit<ServiceDataSourceOptions, 'url'>;

/** Each service's schema definition, for the migration generator. */
export const serviceDatabases: Record<string, { dir: string; database: DatabaseDefinition }> = {
  'tenant-management': { dir: 'apps/tenant-management/src/migrations', database: tenantDatabase },
  'member-data': { dir: 'apps/member-data/src/migrations', database: memberDatabase },
  'pass-generation': { dir: 'apps/pass-generation/src/migrations', database: passDatabase },
  notification: { dir: 'apps/notification/src/migrations', database: notificationDatabase },
};
