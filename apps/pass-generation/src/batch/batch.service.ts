import { Inject, Injectable } from '@nestjs/common';
import { BATCH_OPS, BatchOperation, BatchSubmittedView, BatchSummaryView, BatchView, CallContext, DomainError, MAX_BATCH_OPERATIONS, Page, PageQueryDto, SubmitBatchDto, requireTenant } from '@wp/contracts';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { BatchChunkQueue } from './batch-chunk.queue';
import { batchSummaryView, batchView } from './batch.view';
import { BatchStore } from './batch.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class BatchService {
  private readonly logger: Logger;

  constructor(
    private readonly store: BatchStore,
    private readonly queue: BatchChunkQueue,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'batch' });
  }

  /**
   * Records the batch durably, then queues its chunks. The gateway validated every operation;
   * the shape is checked again here because a malformed row would fail only later, in a worker.
   */
  async submit(ctx: CallContext, dto: SubmitBatchDto): Promise<BatchSubmittedView> {
    const tenantId = requireTenant(ctx);
    const operations = dto.operations;
    if (!Array.isArray(operations) || operations.length === 0 || operations.length > MAX_BATCH_OPERATIONS) {
      throw DomainError.invalid('operations', `must hold 1 to ${MAX_BATCH_OPERATIONS} operations`);
    }
    const unknown = operations.findIndex((operation) => !(BATCH_OPS as readonly string[]).includes(operation?.op));
    if (unknown >= 0) throw DomainError.invalid(`operations.${unknown}.op`, `must be one of ${BATCH_OPS.join(', ')}`);

    const batch = await this.store.create(tenantId, ctx.requestId, await this.expandTags(tenantId, operations));
    // Committed is accepted: if Redis cannot take the jobs now, the sweeper queues them later.
    await this.queue.enqueue(batch).catch((err: Error) => this.logger.warn({ err: err.message, batch_id: batch.id }, 'batch chunks not queued yet; the sweeper will queue them'));
    this.logger.info({ batch_id: batch.id, tenant_id: tenantId, total: batch.total }, 'batch accepted');
    return { batch_id: batch.id, state: 'queued', total: batch.total };
  }

  /**
   * `{op, tag}` (spec/API.md §8.7) becomes one operation per live pass carrying the tag when
   * the batch is submitted, so progress and failures are per pass as for any other batch.
   */
  private async expandTags(tenantId: string, operations: BatchOperation[]): Promise<BatchOperation[]> {
    if (!operations.some((operation) => 'tag' in operation && operation.tag !== undefined)) return operations;
    const expanded: BatchOperation[] = [];
    const passesByTag = new Map<string, string[]>();
    for (const [index, operation] of operations.entries()) {
      if (operation.op === 'create_pass' || operation.tag === undefined) {
        expanded.push(operation);
        continue;
      }
      if (operation.pass_id !== undefined) throw DomainError.invalid(`operations.${index}.tag`, 'send pass_id or tag, not both');
      const { tag, ...rest } = operation;
      let ids = passesByTag.get(tag);
      if (!ids) {
        ids = await this.store.passIdsWithTag(tenantId, tag, MAX_BATCH_OPERATIONS + 1);
        passesByTag.set(tag, ids);
      }
      for (const passId of ids) expanded.push({ ...rest, pass_id: passId } as BatchOperation);
      if (expanded.length > MAX_BATCH_OPERATIONS) {
        throw new DomainError('unprocessable', `The batch would act on more than ${MAX_BATCH_OPERATIONS} passes; split it (tag "${tag}" alone names ${ids.length > MAX_BATCH_OPERATIONS ? 'more than ' : ''}${Math.min(ids.length, MAX_BATCH_OPERATIONS)})`);
      }
    }
    if (expanded.length === 0) throw new DomainError('unprocessable', 'No pass carries the tag(s) of this batch, so it has nothing to do');
    return expanded;
  }

  async get(tenantId: string, batchId: string): Promise<BatchView> {
    if (!UUID.test(batchId)) throw DomainError.notFound('Batch');
    const batch = await this.store.find(tenantId, batchId.toLowerCase());
    if (!batch) throw DomainError.notFound('Batch');
    const [counts, failures] = await Promise.all([this.store.counts(batch.id), this.store.failures(batch.id)]);
    return batchView(batch, counts, failures);
  }

  /** Newest first, with counts only: a list of batches would be too big with every batch's errors. */
  async list(tenantId: string, query: PageQueryDto): Promise<Page<BatchSummaryView>> {
    const page = await this.store.page(tenantId, query);
    const counts = await this.store.countsOf(page.items.map((batch) => batch.id));
    return { ...page, items: page.items.map((batch) => batchSummaryView(batch, counts.get(batch.id) ?? { succeeded: 0, failed: 0, pending: 0 })) };
  }
}
