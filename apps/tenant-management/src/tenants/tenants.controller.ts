import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListTenantsQueryDto, Message, OnboardResult, OnboardTenantDto, Page, TenantPatterns, TenantProfile, TenantView, UpdateCurrentTenantDto, UpdateTenantDto, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { TenantsService } from './tenants.service';

@Controller()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Rpc(TenantPatterns.onboard)
  onboard(@Payload() { ctx, payload }: Message<OnboardTenantDto>): Promise<OnboardResult> {
    return this.tenants.onboard(ctx, payload);
  }

  @Rpc(TenantPatterns.listTenants)
  list(@Payload() { payload }: Message<ListTenantsQueryDto>): Promise<Page<TenantView>> {
    return this.tenants.list(payload);
  }

  @Rpc(TenantPatterns.getTenant)
  get(@Payload() { payload }: Message<{ id: string }>): Promise<TenantView> {
    return this.tenants.get(payload.id);
  }

  @Rpc(TenantPatterns.updateTenantStatus)
  updateStatus(@Payload() { payload }: Message<{ id: string } & UpdateTenantDto>): Promise<TenantView> {
    return this.tenants.updateStatus(payload.id, payload);
  }

  @Rpc(TenantPatterns.getCurrentTenant)
  current(@Payload() { ctx }: Message<Record<string, never>>): Promise<TenantView> {
    return this.tenants.get(requireTenant(ctx));
  }

  @Rpc(TenantPatterns.updateCurrentTenant)
  updateCurrent(@Payload() { ctx, payload }: Message<UpdateCurrentTenantDto>): Promise<TenantView> {
    return this.tenants.updateCurrent(requireTenant(ctx), payload);
  }

  @Rpc(TenantPatterns.getTenantProfile)
  profile(@Payload() { ctx }: Message<Record<string, never>>): Promise<TenantProfile> {
    return this.tenants.profile(requireTenant(ctx));
  }
}
