import type { BatchSummaryView, BatchView } from '@wp/contracts';
import { iso } from '../tokens';
import type { BatchOperation } from './batch-operation.entity';
import type { Batch } from './batch.entity';
import type { OperationCounts } from './batch.store';

export function batchView(batch: Batch, counts: OperationCounts, failures: BatchOperation[]): BatchView {
  return {
    ...batchSummaryView(batch, counts),
    errors: failures.map((f) => ({
      index: f.index,
      ...(f.op === 'import_member' ? { line: (f.payload as { line: number }).line } : {}),
      op: f.op,
      code: f.errorCode ?? 'internal',
      message: f.errorMessage ?? '',
    })),
  };
}

export function batchSummaryView(batch: Batch, counts: OperationCounts): BatchSummaryView {
  return {
    batch_id: batch.id,
    // Every operation done but not yet marked (the last chunk is finishing): still running.
    // BatchStore.find never returns an import still receiving.
    state: batch.state === 'receiving' ? 'queued' : batch.state,
    total: batch.total,
    succeeded: counts.succeeded,
    failed: counts.failed,
    pending: counts.pending,
    created_at: batch.createdAt.toISOString(),
    started_at: iso(batch.startedAt),
    completed_at: iso(batch.completedAt),
  };
}
