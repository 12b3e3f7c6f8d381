import type { Rpc } from '../rpc';
import type { SubmitBatchDto } from './batch.dto';
import type { BatchSubmittedView, BatchView } from './batch.views';

// Do not change the values: they are channel names on the Redis transport.
export const BatchPatterns = {
  submit: 'pass.batch.submit',
  get: 'pass.batch.get',
} as const;

// Do not change the value: a BullMQ queue name (Redis keys under the fleet namespace).
export const BATCH_CHUNK_QUEUE = 'pass-generation.batch-chunks';

export interface BatchKey {
  batch_id: string;
}

export interface BatchRpcMap {
  [BatchPatterns.submit]: Rpc<SubmitBatchDto, BatchSubmittedView>;
  [BatchPatterns.get]: Rpc<BatchKey, BatchView>;
}

/** One chunk of a batch: ids only, the worker loads the chunk's pending operations fresh. */
export interface BatchChunkJob {
  tenantId: string;
  batchId: string;
  chunk: number;
}
