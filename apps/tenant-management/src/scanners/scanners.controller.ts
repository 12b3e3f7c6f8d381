import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateScannerDto, Message, Page, PageQueryDto, RevokedScannerView, ScannerCreated, ScannerPatterns, ScannerView, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { ScannersService } from './scanners.service';

@Controller()
export class ScannersController {
  constructor(private readonly scanners: ScannersService) {}

  @Rpc(ScannerPatterns.create)
  create(@Payload() { ctx, payload }: Message<CreateScannerDto>): Promise<ScannerCreated> {
    return this.scanners.create(ctx, payload);
  }

  @Rpc(ScannerPatterns.list)
  list(@Payload() { ctx, payload }: Message<PageQueryDto>): Promise<Page<ScannerView>> {
    return this.scanners.list(requireTenant(ctx), payload);
  }

  @Rpc(ScannerPatterns.revoke)
  revoke(@Payload() { ctx, payload }: Message<{ id: string }>): Promise<RevokedScannerView> {
    return this.scanners.revoke(requireTenant(ctx), payload.id);
  }
}
