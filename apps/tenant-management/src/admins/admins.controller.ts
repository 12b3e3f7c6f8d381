import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BootstrapResult, BootstrapSuperAdminDto, LoginDto, LoginResult, Message, TenantPatterns } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { AdminsService } from './admins.service';

@Controller()
export class AdminsController {
  constructor(private readonly admins: AdminsService) {}

  @Rpc(TenantPatterns.bootstrapSuperAdmin)
  bootstrap(@Payload() { payload }: Message<BootstrapSuperAdminDto>): Promise<BootstrapResult> {
    return this.admins.bootstrap(payload);
  }

  @Rpc(TenantPatterns.login)
  login(@Payload() { ctx, payload }: Message<LoginDto>): Promise<LoginResult> {
    return this.admins.login(payload, ctx.ip);
  }
}
