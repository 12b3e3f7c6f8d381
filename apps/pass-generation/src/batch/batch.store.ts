import { Injectable } from '@nestjs/common';
import type { BatchChunkJob, ImportRowFailure, StagedImportRow, BatchOperation as SubmittedOperation, ErrorCode, Page, PageQueryDto } from '@wp/contracts';
import { pageNewestFirst } from '@wp/database';
import { randomUUID } from 'node:crypto';
import { Between, DataSource, EntityManager, Not } from 'typeorm';
import { CHUNK_SIZE, IMPORT_CHUNK_SIZE } from './batch-chunks';
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

  /** The live passes of the tenant carrying `tag`, oldest first (the GIN index of migration 1797100000001 serves it). */
  async passIdsWithTag(tenantId: string, tag: string, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      'SELECT id FROM pass.passes WHERE tenant_id = $1 AND deleted_at IS NULL AND tags @> ARRAY[$2::text] ORDER BY created_at, id LIMIT $3',
      [tenantId, tag, limit],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** A batch the tenant can see: an import still being uploaded is nobody's yet. */
  find(tenantId: string, batchId: string): Promise<Batch | null> {
    return this.db.getRepository(Batch).findOneBy({ id: batchId, tenantId, state: Not('receiving') });
  }

  /** A page of the tenant's batches, newest first; an import still receiving its upload is no one's to see yet. */
  page(tenantId: string, query: PageQueryDto): Promise<Page<Batch>> {
    const qb = this.db.getRepository(Batch).createQueryBuilder('b').where(`b.tenant_id = :tenantId AND b.state <> 'receiving'`, { tenantId });
    return pageNewestFirst(qb, 'b', query, (batch) => batch);
  }

  /** An import's batch, created before its rows are read so each chunk of them is staged as it arrives. */
  openImport(tenantId: string, requestId: string): Promise<Batch> {
    return this.db.getRepository(Batch).save(
      this.db.getRepository(Batch).create({
        id: randomUUID(),
        tenantId,
        state: 'receiving',
        total: 0,
        chunkSize: IMPORT_CHUNK_SIZE,
        requestId: requestId.slice(0, 128),
        startedAt: null,
        completedAt: null,
      }),
    );
  }

  /**
   * Stages rows of an import still receiving (false when it is not). A row the gateway could
   * not read is failed at once; the others wait for their chunk. Staging a row again (a retried
   * call whose answer was lost) keeps the first copy.
   */
  async appendImportRows(tenantId: string, batchId: string, rows: readonly StagedImportRow[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const open = (await tx.query(`SELECT 1 FROM pass.batches WHERE id = $1 AND tenant_id = $2 AND state = 'receiving' FOR SHARE`, [batchId, tenantId])) as unknown[];
      if (open.length === 0) return false;
      await tx.query(
        `INSERT INTO pass.batch_operations (batch_id, "index", op, payload, state, error_code, error_message, finished_at)
         SELECT $1, t.index, 'import_member', t.payload, t.state, t.error_code, t.error_message, CASE WHEN t.state = 'failed' THEN now() END
           FROM unnest($2::int[], $3::jsonb[], $4::varchar[], $5::varchar[], $6::text[]) AS t(index, payload, state, error_code, error_message)
         ON CONFLICT (batch_id, "index") DO NOTHING`,
        [
          batchId,
          rows.map((row) => row.index),
          rows.map((row) => JSON.stringify('cells' in row ? { line: row.line, cells: row.cells } : { line: row.line })),
          rows.map((row) => ('cells' in row ? 'pending' : 'failed')),
          rows.map((row) => ('cells' in row ? null : 'bad_request')),
          rows.map((row) => ('cells' in row ? null : row.error.slice(0, 2000))),
        ],
      );
      return true;
    });
  }

  /** The upload is complete: the batch becomes visible and its chunks may run. Null when it was not receiving. */
  async sealImport(tenantId: string, batchId: string, total: number): Promise<Batch | null> {
    const [rows] = (await this.db.query(
      `UPDATE pass.batches SET state = 'queued', total = $3
        WHERE id = $1 AND tenant_id = $2 AND state = 'receiving'
          AND (SELECT count(*) FROM pass.batch_operations o WHERE o.batch_id = $1) = $3
        RETURNING id`,
      [batchId, tenantId, total],
    )) as [Array<{ id: string }>, number];
    return rows.length ? this.find(tenantId, batchId) : null;
  }

  /** Drops an import whose upload failed (its rows go with it). */
  async discardImport(tenantId: string, batchId: string): Promise<boolean> {
    const [, affected] = (await this.db.query(`DELETE FROM pass.batches WHERE id = $1 AND tenant_id = $2 AND state = 'receiving'`, [batchId, tenantId])) as [unknown, number];
    return affected > 0;
  }

  /** Imports left receiving by a gateway that died mid-upload; their client never got a batch id. */
  async discardAbandonedImports(olderThanMs: number): Promise<number> {
    const [, affected] = (await this.db.query(`DELETE FROM pass.batches WHERE state = 'receiving' AND created_at < now() - make_interval(secs => $1)`, [
      olderThanMs / 1000,
    ])) as [unknown, number];
    return affected;
  }

  /**
   * Records what member-data did with a chunk of import rows: the named rows failed, the
   * others succeeded. Only rows still pending change, so a chunk run twice keeps its first outcome.
   */
  async markImportOutcomes(batchId: string, indexes: readonly number[], failed: ReadonlyArray<Omit<ImportRowFailure, 'code'> & { code: ErrorCode }>): Promise<void> {
    const failures = new Map(failed.map((f) => [f.index, f]));
    await this.db.query(
      `UPDATE pass.batch_operations o
          SET state = t.state, error_code = t.error_code, error_message = t.error_message, finished_at = now()
         FROM unnest($2::int[], $3::varchar[], $4::varchar[], $5::text[]) AS t(index, state, error_code, error_message)
        WHERE o.batch_id = $1 AND o."index" = t.index AND o.state = 'pending'`,
      [
        batchId,
        indexes,
        indexes.map((i) => (failures.has(i) ? 'failed' : 'succeeded')),
        indexes.map((i) => failures.get(i)?.code ?? null),
        indexes.map((i) => failures.get(i)?.message.slice(0, 2000) ?? null),
      ],
    );
  }

  /** Fails every given row with one outcome (the platform's error once retries are spent). */
  async failImportRows(batchId: string, indexes: readonly number[], failure: OperationFailure): Promise<void> {
    await this.markImportOutcomes(
      batchId,
      indexes,
      indexes.map((index) => ({ index, ...failure })),
    );
  }

  async counts(batchId: string): Promise<OperationCounts> {
    return (await this.countsOf([batchId])).get(batchId) ?? { succeeded: 0, failed: 0, pending: 0 };
  }

  /** The counts of several batches in one query (a page of the batch list). */
  async countsOf(batchIds: readonly string[]): Promise<Map<string, OperationCounts>> {
    const all = new Map<string, OperationCounts>(batchIds.map((id) => [id, { succeeded: 0, failed: 0, pending: 0 }]));
    if (batchIds.length === 0) return all;
    const rows = (await this.db.query(
      `SELECT batch_id, state, count(*)::int AS n FROM pass.batch_operations WHERE batch_id = ANY($1::uuid[]) GROUP BY batch_id, state`,
      [batchIds],
    )) as Array<{ batch_id: string; state: keyof OperationCounts; n: number }>;
    for (const row of rows) {
      const counts = all.get(row.batch_id);
      if (counts) counts[row.state] = row.n;
    }
    return all;
  }

  failures(batchId: string): Promise<BatchOperation[]> {
    return this.db.getRepository(BatchOperation).find({
      select: { index: true, op: true, payload: true, errorCode: true, errorMessage: true },
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
    const unfinished = (await this.db.query(`SELECT id FROM pass.batches WHERE state IN ('queued', 'running')`)) as Array<{ id: string }>;
    if (unfinished.length === 0) return { chunks: [], unfinished: [] };
    const rows = (await this.db.query(
      `SELECT DISTINCT b.tenant_id AS "tenantId", b.id AS "batchId", o."index" / b.chunk_size AS chunk
       FROM pass.batches b JOIN pass.batch_operations o ON o.batch_id = b.id AND o.state = 'pending'
       WHERE b.state IN ('queued', 'running')`,
    )) as BatchChunkJob[];
    return { chunks: rows, unfinished: unfinished.map((row) => row.id) };
  }
}
