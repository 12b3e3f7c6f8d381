import { Inject, Injectable } from '@nestjs/common';
import { BatchKey, BatchSubmittedView, CallContext, DomainError, ImportAppend, ImportSeal, MAX_IMPORT_ROWS, requireTenant } from '@wp/contracts';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { BatchChunkQueue } from './batch-chunk.queue';
import { BatchStore } from './batch.store';

/**
 * The batch side of POST /v1/members/import. The gateway reads the CSV upload as a stream and
 * stages its rows here chunk by chunk, so neither process ever holds the whole file; only the
 * seal makes the batch visible and queues its chunks, which apply the rows through member-data.
 */
@Injectable()
export class BatchImportService {
  private readonly logger: Logger;

  constructor(
    private readonly store: BatchStore,
    private readonly queue: BatchChunkQueue,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'batch' });
  }

  async open(ctx: CallContext): Promise<BatchKey> {
    const batch = await this.store.openImport(requireTenant(ctx), ctx.requestId);
    return { batch_id: batch.id };
  }

  async append(ctx: CallContext, { batch_id: batchId, rows }: ImportAppend): Promise<{ staged: number }> {
    if (!Array.isArray(rows) || rows.some((row) => !Number.isInteger(row?.index) || row.index < 0 || row.index >= MAX_IMPORT_ROWS)) {
      throw DomainError.invalid('rows', `must be rows indexed 0 to ${MAX_IMPORT_ROWS - 1}`);
    }
    if (!(await this.store.appendImportRows(requireTenant(ctx), batchId, rows))) throw DomainError.notFound('Batch');
    return { staged: rows.length };
  }

  async seal(ctx: CallContext, { batch_id: batchId, total }: ImportSeal): Promise<BatchSubmittedView> {
    const tenantId = requireTenant(ctx);
    const batch = await this.store.sealImport(tenantId, batchId, total);
    if (!batch) throw new DomainError('conflict', 'The import is not receiving rows, or not all of them arrived');
    // Committed is accepted: if Redis cannot take the jobs now, the sweeper queues them later.
    await this.queue.enqueue(batch).catch((err: Error) => this.logger.warn({ err: err.message, batch_id: batch.id }, 'import chunks not queued yet; the sweeper will queue them'));
    this.logger.info({ batch_id: batch.id, tenant_id: tenantId, total }, 'member import accepted');
    return { batch_id: batch.id, state: 'queued', total };
  }

  async discard(ctx: CallContext, { batch_id: batchId }: BatchKey): Promise<{ discarded: boolean }> {
    return { discarded: await this.store.discardImport(requireTenant(ctx), batchId) };
  }
}
