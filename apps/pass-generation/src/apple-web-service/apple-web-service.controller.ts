import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AppleWebServicePatterns,
  DeviceLogRequest,
  DropRegistrationsRequest,
  LatestPass,
  LatestPassRequest,
  Message,
  PassInternalPatterns,
  PushTargets,
  PushTargetsRequest,
  RegisterDeviceRequest,
  RegisterDeviceResult,
  UnregisterDeviceRequest,
  UpdatedSerials,
  UpdatedSerialsRequest,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { AppleWebService } from './apple-web-service.service';
import { PushTargetsService } from './push-targets.service';

/** The gateway's /apple/v1/* routes, and notification's questions about who to push. */
@Controller()
export class AppleWebServiceController {
  constructor(
    private readonly webService: AppleWebService,
    private readonly pushTargets: PushTargetsService,
  ) {}

  @Rpc(AppleWebServicePatterns.register)
  register(@Payload() { ctx, payload }: Message<RegisterDeviceRequest>): Promise<RegisterDeviceResult> {
    return this.webService.register(ctx, payload);
  }

  @Rpc(AppleWebServicePatterns.unregister)
  unregister(@Payload() { payload }: Message<UnregisterDeviceRequest>): Promise<{ removed: boolean }> {
    return this.webService.unregister(payload);
  }

  @Rpc(AppleWebServicePatterns.updatedSerials)
  updatedSerials(@Payload() { ctx, payload }: Message<UpdatedSerialsRequest>): Promise<UpdatedSerials> {
    return this.webService.updatedSerials(ctx, payload);
  }

  @Rpc(AppleWebServicePatterns.latestPass)
  latestPass(@Payload() { ctx, payload }: Message<LatestPassRequest>): Promise<LatestPass> {
    return this.webService.latestPass(ctx, payload);
  }

  @Rpc(AppleWebServicePatterns.log)
  log(@Payload() { payload }: Message<DeviceLogRequest>): Promise<{ accepted: number }> {
    return this.webService.log(payload);
  }

  @Rpc(PassInternalPatterns.pushTargets)
  targets(@Payload() { ctx, payload }: Message<PushTargetsRequest>): Promise<PushTargets> {
    return this.pushTargets.pushTargets(ctx, payload.pass_id, payload.credentials !== false);
  }

  @Rpc(PassInternalPatterns.dropRegistrations)
  drop(@Payload() { ctx, payload }: Message<DropRegistrationsRequest>): Promise<{ removed: number }> {
    return this.pushTargets.dropRegistrations(ctx, payload);
  }
}
