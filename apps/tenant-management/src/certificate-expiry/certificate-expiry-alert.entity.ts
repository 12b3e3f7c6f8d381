import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (tenant, certificate, threshold) whose alert is settled. The primary key is
 * what makes the alert exactly-once: whichever replica or restart inserts the row first is
 * the one that records the event, in the same transaction.
 */
@Entity({ name: 'certificate_expiry_alerts' })
export class CertificateExpiryAlert {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** SHA-256 fingerprint of the certificate: a renewed certificate starts over. */
  @PrimaryColumn({ name: 'certificate_fingerprint', type: 'varchar', length: 64 })
  certificateFingerprint: string;

  @PrimaryColumn({ name: 'threshold_days', type: 'smallint' })
  thresholdDays: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
