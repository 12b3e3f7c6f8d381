import type { BatchState } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** `receiving`: an import whose upload is still being read; no one sees it, no worker runs it. */
export type StoredBatchState = BatchState | 'receiving';

/**
 * A submitted batch. Its operations are rows of `batch_operations`; the counts a client sees
 * are read from them, so no hot counter row is written by every operation.
 */
@Entity({ name: 'batches' })
@Index('idx_batches_unfinished', ['createdAt'], { where: `"state" <> 'completed'` })
@Index('idx_batches_tenant_created', ['tenantId', 'createdAt', 'id'])
export class Batch {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 16 })
  state: StoredBatchState;

  @Column({ type: 'integer' })
  total: number;

  /** Operations per chunk job, fixed at submit so a later change of the constant cannot re-slice a running batch. */
  @Column({ name: 'chunk_size', type: 'integer' })
  chunkSize: number;

  /** The submitting request's id: the worker's log lines carry it, across restarts. */
  @Column({ name: 'request_id', type: 'varchar', length: 128 })
  requestId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
