import { Injectable } from '@nestjs/common';
import { DOCTOR_PKPASS_LIMIT_BYTES, DomainError, PkpassDiagnosisView } from '@wp/contracts';
import { diagnosePkpass } from '@wp/pass-doctor';

@Injectable()
export class PkpassDoctorService {
  /** Any .pkpass, ours or anyone's; judged against Apple's WWDR G4 like a device would. */
  diagnose(contentBase64: string): PkpassDiagnosisView {
    if (typeof contentBase64 !== 'string' || contentBase64.length === 0) throw DomainError.invalid('body', 'must be the bytes of a .pkpass');
    const bytes = Buffer.from(contentBase64, 'base64');
    // The gateway enforces the limit; a direct caller on the transport gets the same answer.
    if (bytes.length > DOCTOR_PKPASS_LIMIT_BYTES) throw new DomainError('payload_too_large', 'A .pkpass is at most 10 MiB');
    return diagnosePkpass(bytes);
  }
}
