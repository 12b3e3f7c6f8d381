import { Injectable } from '@nestjs/common';
import type { BatchChunkJob, BatchOperation as SubmittedOperation, ErrorCode } from '@wp/contracts';
import { randomUUID } from 'node:crypto';
import { Between, DataSource, EntityManager } from 'typeorm';
import { CHUNK_SIZE } from './batch-chunks';
import { BatchOperation } from './batch-operation.entity';
import { Batch } from './batch.entity';

export interface OperationCounts {
  succeeded: number;
  failed: number;
  pending: number;
}

export interface OperationFailure {
  code: ErrorCode;
  message: string;
}

/** Another run of the same chunk marked the operation first; its effect must roll back. */
export class OperationAlreadyDone extends Error {
  constructor() {
    super('the operation was already done by another run of its chunk');
    this.name = 'OperationAlreadyDone';
  }
}

/** The batch tables: every read and write of batches and their operations. */
@Injectable()
export class BatchStore {
  constructor(private readonly db: DataSource) {}

  /** The batch and all its operations, in one transaction: a batch exists whole or not at all. */
  async create(tenantId: string, requestId: string, operations: readonly SubmittedOperation[]): Promise<Batch> {
    const batch = this.db.getRepository(Batch).create({
      id: randomUUID(),
      tenantId,
      state: 'queued',
      total: operations.length,
      chunkSize: CHUNK_SIZE,
      requestId: requestId.slice(0, 128),
      startedAt: null,
      completedAt: null,
    });
    return this.db.transaction(async (tx) => {
      const saved = await tx.getRepository(Batch).save(batch);
      // One statement for up to 10,000 rows: arrays in, rows out.
      await tx.query(
        `INSERT INTO pass.batch_operations (batch_id, "index", op, payload, state)
         SELECT $1, t.index, t.op, t.payload, 'pending' FROM unnest($2::int[], $3::varchar[], $4::jsonb[]) AS t(index, op, payload)`,
        [
          saved.id,
          operations.map((_, index) => index),
          operations.map((operation) => operation.op),
          operations.map(({ op: _op, ...payload }) => JSON.stringify(payload)),
        ],
      );
      return saved;
    });
  }

  find(tenantId: string, batchId: string): Promise<Batch | null> {
    return this.db.getRepository(Batch).findOneBy({ id: batchId, tenantId });
  }

  async counts(batchId: string): Promise<OperationCounts> {
    const rows = (await this.db.query(`SELECT state, count(*)::int AS n FROM pass.batch_operations WHERE batch_id = $1 GROUP BY state`, [batchId])) as Array<{
      state: keyof OperationCounts;
      n: number;
    }>;
    const counts: OperationCounts = { succeeded: 0, failed: 0, pending: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  failures(batchId: string): Promise<BatchOperation[]> {
    return this.db.getRepository(BatchOperation).find({
      select: { index: true, op: true, errorCode: true, errorMessage: true },
      where: { batchId, state: 'failed' },
      order: { index: 'ASC' },
    });
  }

  async markRunning(batchId: string): Promise<void> {
    await this.db.getRepository(Batch).update({ id: batchId, state: 'queued' }, { state: 'running', startedAt: new Date() });
  }

  /** The chunk's operations that have not left `pending`. */
  pendingInChunk(batch: Batch, chunk: number): Promise<BatchOperation[]> {
    const from = chunk * batch.chunkSize;
    return this.db.getRepository(BatchOperation).find({
      where: { batchId: batch.id, state: 'pending', index: Between(from, from + batch.chunkSize - 1) },
      order: { index: 'ASC' },
    });
  }

  /**
   * Called inside the transaction of the operation's effect. Two runs of one chunk (a stalled
   * job taken up while its first worker still lives) may both get here: the row lock makes the
   * second wait for the first, then find the row no longer pending and roll its effect back.
   */
  async markSucceeded(tx: EntityManager, operation: BatchOperation, passId: string): Promise<void> {
    const result = await tx
      .getRepository(BatchOperation)
      .update({ batchId: operation.batchId, index: operation.index, state: 'pending' }, { state: 'succeeded', resultPassId: passId, finishedAt: new Date() });
    if (result.affected !== 1) throw new OperationAlreadyDone();
  }

  async markFailed(operation: BatchOperation, failure: OperationFailure): Promise<void> {
    await this.db
      .getRepository(BatchOperation)
      .update(
        { batchId: operation.batchId, index: operation.index, state: 'pending' },
        { state: 'failed', errorCode: failure.code, errorMessage: failure.message.slice(0, 2000), finishedAt: new Date() },
      );
  }

  /** Completes the batch once no operation is pending; true when this call completed it. */
  async completeIfDone(batchId: string): Promise<boolean> {
    const [, affected] = (await this.db.query(
      `UPDATE pass.batches b SET state = 'completed', completed_at = now(), started_at = coalesce(b.started_at, now())
       WHERE b.id = $1 AND b.state <> 'completed'
         AND NOT EXISTS (SELECT 1 FROM pass.batch_operations o WHERE o.batch_id = b.id AND o.state = 'pending')`,
      [batchId],
    )) as [unknown, number];
    return affected === 1;
  }

  /** Unfinished batches and their chunks that still hold pending operations (for the sweeper). */
  async owedChunks(): Promise<{ chunks: BatchChunkJob[]; unfinished: string[] }> {
    const unfinished = (await this.db.query(`SELECT id FROM pass.batches WHERE state <> 'completed'`)) as Array<{ id: string }>;
    if (unfinished.length === 0) return { chunks: [], unfinished: [] };
    const rows = (await this.db.query(
      `SELECT DISTINCT b.tenant_id AS "tenantId", b.id AS "batchId", o."index" / b.chunk_size AS chunk
       FROM pass.batches b JOIN pass.batch_operations o ON o.batch_id = b.id AND o.state = 'pending'
       WHERE b.state <> 'completed'`,
    )) as BatchChunkJob[];
    return { chunks: rows, unfinished: unfinished.map((row) => row.id) };
  }
}
