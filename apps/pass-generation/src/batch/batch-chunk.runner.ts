import { Inject, Injectable } from '@nestjs/common';
import type { BatchChunkJob, CallContext, CreatePassFromMemberDto, UpdatePassDto } from '@wp/contracts';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { systemContext } from '../internal/system-context';
import { InSameTransaction, PassesService, SharedCreateContext } from '../passes/passes.service';
import { PassSignersService } from '../signing/pass-signers.service';
import { StyleCatalog } from '../styles/style-catalog';
import { forEachConcurrently } from './batch-chunks';
import { exhaustedFailure, operationFailure } from './batch-failures';
import { BatchOperation } from './batch-operation.entity';
import type { Batch } from './batch.entity';
import { BatchStore, OperationAlreadyDone } from './batch.store';
import { ImportChunkRunner } from './import-chunk.runner';

/**
 * Operations of one chunk in flight at once. A create is a call to member-data and one short
 * transaction (signing waits for the first download), so each spends most of its time waiting;
 * with CHUNKS_IN_FLIGHT chunks this keeps about the database pool's size (10) busy.
 */
const OPERATIONS_IN_FLIGHT = 6;

export interface ChunkOutcome {
  succeeded: number;
  failed: number;
}

/**
 * Applies the pending operations of one chunk through the same PassesService calls the
 * single-pass endpoints use. Each operation's effect and its leaving `pending` commit in one
 * transaction, so a chunk run again (after a crash, a stall or a retry) applies exactly the
 * operations that never committed, and none twice.
 */
@Injectable()
export class BatchChunkRunner {
  private readonly logger: Logger;

  constructor(
    private readonly store: BatchStore,
    private readonly passes: PassesService,
    private readonly signers: PassSignersService,
    private readonly db: DataSource,
    private readonly imports: ImportChunkRunner,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'batch' });
  }

  /**
   * Platform errors (a service or the database not answering) throw so the job is retried;
   * on the `final` attempt they are recorded as the operations' failures instead, so the batch
   * still completes.
   */
  async run({ tenantId, batchId, chunk }: BatchChunkJob, { final }: { final: boolean }): Promise<ChunkOutcome> {
    const outcome: ChunkOutcome = { succeeded: 0, failed: 0 };
    const batch = await this.store.find(tenantId, batchId);
    if (!batch || batch.state === 'completed') return outcome;
    if (batch.state === 'queued') await this.store.markRunning(batchId);
    const ctx = systemContext(tenantId, batch.requestId);
    const pending = await this.store.pendingInChunk(batch, chunk);
    if (pending.length && pending.every((operation) => operation.op === 'import_member')) {
      Object.assign(outcome, await this.imports.run(ctx, batchId, pending, { final }));
      await this.completeIfDone(batch);
      return outcome;
    }
    const shared = await this.sharedCreateContext(ctx, pending);

    await forEachConcurrently(pending, OPERATIONS_IN_FLIGHT, async (operation) => {
      try {
        outcome[await this.apply(ctx, operation, shared)]++;
      } catch (error) {
        if (!final) throw error;
        this.logger.error({ err: error, batch_id: batchId, index: operation.index, request_id: batch.requestId }, 'batch operation failed after every retry');
        await this.store.markFailed(operation, exhaustedFailure(error));
        outcome.failed++;
      }
    });
    await this.completeIfDone(batch);
    return outcome;
  }

  private async completeIfDone(batch: Batch): Promise<void> {
    if (await this.store.completeIfDone(batch.id)) {
      const counts = await this.store.counts(batch.id);
      this.logger.info({ batch_id: batch.id, tenant_id: batch.tenantId, request_id: batch.requestId, total: batch.total, ...counts }, 'batch completed');
    }
  }

  /**
   * The tenant's styles and Apple signer identity, looked up once for the chunk's creates
   * rather than once per pass (a chunk runs for a few seconds, so a style or certificate
   * changed meanwhile reaches the next chunk). A signer that cannot be had is left out: each
   * create then asks for it and fails with the reason.
   */
  private async sharedCreateContext(ctx: CallContext, pending: BatchOperation[]): Promise<SharedCreateContext> {
    const creates = pending.filter((operation) => operation.op === 'create_pass');
    if (creates.length === 0) return {};
    const catalog = await StyleCatalog.load(this.db.manager, ctx.tenantId as string);
    if (!creates.some((operation) => operation.payload.pass_type === 'apple')) return { catalog };
    const appleSigner = await this.signers.forNewPass(ctx).catch((error: unknown) => {
      if (operationFailure(error)) return undefined;
      throw error;
    });
    return { catalog, appleSigner };
  }

  private async apply(ctx: CallContext, operation: BatchOperation, shared: SharedCreateContext): Promise<keyof ChunkOutcome> {
    const tenantId = ctx.tenantId as string;
    const done: InSameTransaction = (tx, pass) => this.store.markSucceeded(tx, operation, pass.id);
    try {
      switch (operation.op) {
        case 'create_pass':
          await this.passes.create(ctx, operation.payload as unknown as CreatePassFromMemberDto, { channel: 'api', inSameTransaction: done, shared });
          break;
        case 'update_pass': {
          const { pass_id: passId, ...change } = operation.payload as unknown as UpdatePassDto & { pass_id: string };
          await this.passes.update(tenantId, passId, change, { inSameTransaction: done });
          break;
        }
        case 'void_pass':
          await this.passes.void(tenantId, (operation.payload as { pass_id: string }).pass_id, { inSameTransaction: done });
          break;
      }
      return 'succeeded';
    } catch (error) {
      // Another run committed this operation while we worked on it; ours rolled back.
      if (error instanceof OperationAlreadyDone) return 'succeeded';
      const failure = operationFailure(error);
      if (!failure) throw error;
      await this.store.markFailed(operation, failure);
      return 'failed';
    }
  }
}
