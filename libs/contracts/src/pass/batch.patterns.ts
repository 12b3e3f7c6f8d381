import type { Page, PageQueryDto } from '../pagination';
import type { Rpc } from '../rpc';
import type { StagedImportRow } from '../member/member-transfer';
import type { SubmitBatchDto } from './batch.dto';
import type { BatchSubmittedView, BatchSummaryView, BatchView } from './batch.views';

// Do not change the values: they are channel names on the Redis transport.
export const BatchPatterns = {
  submit: 'pass.batch.submit',
  get: 'pass.batch.get',
  list: 'pass.batch.list',
  // A CSV member import is a batch whose rows the gateway stages while it reads the upload:
  // open, append chunk after chunk, then seal (which queues it) or discard.
  importOpen: 'pass.batch.import-open',
  importAppend: 'pass.batch.import-append',
  importSeal: 'pass.batch.import-seal',
  importDiscard: 'pass.batch.import-discard',
} as const;

// Do not change the value: a BullMQ queue name (Redis keys under the fleet namespace).
export const BATCH_CHUNK_QUEUE = 'pass-generation.batch-chunks';

export interface BatchKey {
  batch_id: string;
}

export interface ImportAppend extends BatchKey {
  rows: StagedImportRow[];
}

export interface ImportSeal extends BatchKey {
  /** Data rows read from the upload, every one of them appended. */
  total: number;
}

export interface BatchRpcMap {
  [BatchPatterns.submit]: Rpc<SubmitBatchDto, BatchSubmittedView>;
  [BatchPatterns.get]: Rpc<BatchKey, BatchView>;
  [BatchPatterns.list]: Rpc<PageQueryDto, Page<BatchSummaryView>>;
  [BatchPatterns.importOpen]: Rpc<Record<string, never>, BatchKey>;
  [BatchPatterns.importAppend]: Rpc<ImportAppend, { staged: number }>;
  [BatchPatterns.importSeal]: Rpc<ImportSeal, BatchSubmittedView>;
  [BatchPatterns.importDiscard]: Rpc<BatchKey, { discarded: boolean }>;
}

/** One chunk of a batch: ids only, the worker loads the chunk's pending operations fresh. */
export interface BatchChunkJob {
  tenantId: string;
  batchId: string;
  chunk: number;
}
