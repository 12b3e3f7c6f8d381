import type { Rpc } from '../rpc';
import type { PkpassDiagnosisView, TenantDoctorView } from './doctor.views';

// Do not change the values: they are channel names on the Redis transport.
export const DoctorPatterns = {
  /** pass-generation: diagnose an uploaded .pkpass. */
  pkpass: 'pass.doctor.pkpass',
  /** tenant-management: check the tenant's stored wallet credentials. */
  tenant: 'tenant.doctor.credentials',
} as const;

/** The .pkpass is at most 10 MiB of raw bytes at the gateway. */
export const DOCTOR_PKPASS_LIMIT_BYTES = 10 * 1024 * 1024;

export interface DoctorPkpassRequest {
  content_base64: string;
}

export interface DoctorRpcMap {
  [DoctorPatterns.pkpass]: Rpc<DoctorPkpassRequest, PkpassDiagnosisView>;
  [DoctorPatterns.tenant]: Rpc<Record<string, never>, TenantDoctorView>;
}
