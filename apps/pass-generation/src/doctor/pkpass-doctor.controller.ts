import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DoctorPatterns, DoctorPkpassRequest, Message, PkpassDiagnosisView, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { PkpassDoctorService } from './pkpass-doctor.service';

@Controller()
export class PkpassDoctorController {
  constructor(private readonly doctor: PkpassDoctorService) {}

  @Rpc(DoctorPatterns.pkpass)
  diagnose(@Payload() { ctx, payload }: Message<DoctorPkpassRequest>): PkpassDiagnosisView {
    requireTenant(ctx);
    return this.doctor.diagnose(payload.content_base64);
  }
}
