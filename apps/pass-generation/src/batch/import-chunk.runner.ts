import { Inject, Injectable } from '@nestjs/common';
import { CallContext, ImportRowCells, MemberPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { exhaustedFailure } from './batch-failures';
import type { BatchOperation } from './batch-operation.entity';
import { BatchStore } from './batch.store';

/** A chunk is one transaction in member-data: seconds on a loaded machine, far less when quiet. */
const APPLY_TIMEOUT_MS = 60_000;

/**
 * Applies the pending rows of one import chunk: one call to member-data, which applies them
 * in one transaction and names the rows that failed; then one statement records every row's
 * outcome. The two cannot commit together (two services), so a crash in between runs the
 * chunk again, and member-data's content-derived ledger references make the second run
 * change nothing: each row still takes effect once.
 */
@Injectable()
export class ImportChunkRunner {
  private readonly logger: Logger;

  constructor(
    private readonly store: BatchStore,
    private readonly rpc: RpcClient,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'batch' });
  }

  async run(ctx: CallContext, batchId: string, pending: readonly BatchOperation[], { final }: { final: boolean }): Promise<{ succeeded: number; failed: number }> {
    const indexes = pending.map((operation) => operation.index);
    const rows = pending.map((operation) => ({ index: operation.index, ...(operation.payload as Omit<ImportRowCells, 'index'>) }));
    try {
      const { failed } = await this.rpc.send(MemberPatterns.importRows, ctx, { rows }, { timeoutMs: APPLY_TIMEOUT_MS });
      await this.store.markImportOutcomes(batchId, indexes, failed);
      return { succeeded: indexes.length - failed.length, failed: failed.length };
    } catch (error) {
      if (!final) throw error;
      this.logger.error({ err: error, batch_id: batchId, rows: indexes.length, request_id: ctx.requestId }, 'import chunk failed after every retry');
      await this.store.failImportRows(batchId, indexes, exhaustedFailure(error));
      return { succeeded: 0, failed: indexes.length };
    }
  }
}
