import type { PointsOperation, ScanAction } from '@wp/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One scan at a till (POST /v1/scan/{code}) that went through. The unique reference makes a
 * repeat of the same scan a replay; `pass.scanned` is written in the same transaction.
 */
@Entity({ name: 'scans' })
@Index('uq_scans_reference', ['tenantId', 'transactionReference'], { unique: true })
@Index('idx_scans_pass', ['passId', 'createdAt'])
export class Scan {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'pass_id', type: 'uuid' })
  passId: string;

  @Column({ name: 'scanner_id', type: 'uuid' })
  scannerId: string;

  @Column({ type: 'varchar', length: 16 })
  action: ScanAction;

  @Column({ type: 'integer', nullable: true })
  points: number | null;

  @Column({ type: 'integer', nullable: true })
  amount: number | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  operation: PointsOperation | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  @Column({ name: 'transaction_reference', type: 'varchar', length: 64 })
  transactionReference: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
