import { HealthPatterns } from '@wp/contracts';
import { runService } from '@wp/service-runtime';
import { tenantManagementSpec } from './config';
import { tenantDatabase } from './database';
import { TenantManagementModule } from './tenant-management.module';

void runService({
  name: 'tenant-management',
  healthPattern: HealthPatterns['tenant-management'],
  module: TenantManagementModule,
  config: tenantManagementSpec,
  database: tenantDatabase,
});
