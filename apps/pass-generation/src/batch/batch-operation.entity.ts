import type { BatchOperationKind, ErrorCode } from '@wp/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Batch } from './batch.entity';

export type OperationState = 'pending' | 'succeeded' | 'failed';

/**
 * One operation of a batch. It leaves `pending` exactly once: in the very transaction that
 * applies its effect (succeeded), or on its own when it cannot apply (failed). A chunk run
 * again after a crash therefore finds only the operations that never committed.
 */
@Entity({ name: 'batch_operations' })
@Index('idx_batch_operations_pending', ['batchId', 'index'], { where: `"state" = 'pending'` })
export class BatchOperation {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @ManyToOne(() => Batch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id' })
  batch?: Batch;

  /** Position in the submitted `operations`. */
  @PrimaryColumn({ type: 'integer' })
  index: number;

  @Column({ type: 'varchar', length: 16 })
  op: BatchOperationKind;

  /** The operation as submitted, without `op`; an import row: `{line, cells}` (or `{line}` when it could not be read). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16 })
  state: OperationState;

  /** The pass the operation created or changed. */
  @Column({ name: 'result_pass_id', type: 'uuid', nullable: true })
  resultPassId: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 32, nullable: true })
  errorCode: ErrorCode | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
