import { Inject, Injectable } from '@nestjs/common';
import { BATCH_OPS, BatchSubmittedView, BatchView, CallContext, DomainError, MAX_BATCH_OPERATIONS, SubmitBatchDto, requireTenant } from '@wp/contracts';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { BatchChunkQueue } from './batch-chunk.queue';
import { batchView } from './batch.view';
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

    const batch = await this.store.create(tenantId, ctx.requestId, operations);
    // Committed is accepted: if Redis cannot take the jobs now, the sweeper queues them later.
    await this.queue.enqueue(batch).catch((err: Error) => this.logger.warn({ err: err.message, batch_id: batch.id }, 'batch chunks not queued yet; the sweeper will queue them'));
    this.logger.info({ batch_id: batch.id, tenant_id: tenantId, total: batch.total }, 'batch accepted');
    return { batch_id: batch.id, state: 'queued', total: batch.total };
  }

  async get(tenantId: string, batchId: string): Promise<BatchView> {
    if (!UUID.test(batchId)) throw DomainError.notFound('Batch');
    const batch = await this.store.find(tenantId, batchId.toLowerCase());
    if (!batch) throw DomainError.notFound('Batch');
    const [counts, failures] = await Promise.all([this.store.counts(batch.id), this.store.failures(batch.id)]);
    return batchView(batch, counts, failures);
  }
}
