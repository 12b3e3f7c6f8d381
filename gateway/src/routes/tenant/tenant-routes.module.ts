import { Module } from '@nestjs/common';
import { AdminAuthController } from './admin-auth.controller';
import { AuditLogController } from './audit-log.controller';
import { CurrentTenantController } from './current-tenant.controller';
import { TenantsController } from './tenants.controller';

/** Paths owned by tenant-management. */
@Module({ controllers: [AdminAuthController, TenantsController, CurrentTenantController, AuditLogController] })
export class TenantRoutesModule {}
