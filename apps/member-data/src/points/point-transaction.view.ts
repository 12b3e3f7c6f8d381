import type { PointTransactionView, PointsChangeView } from '@wp/contracts';
import type { PointTransaction } from './point-transaction.entity';

export function pointTransactionView(row: PointTransaction): PointTransactionView {
  return {
    id: row.id,
    kind: row.kind,
    delta: row.delta,
    balance_after: row.balanceAfter,
    operation: row.operation,
    description: row.description,
    transaction_reference: row.transactionReference,
    created_at: row.createdAt.toISOString(),
  };
}

/** The result of a points call, rebuilt from its ledger row (so a replay answers exactly as the first call did). */
export function pointsChangeView(memberId: string, row: PointTransaction, wasDuplicate: boolean): PointsChangeView {
  return {
    member_id: memberId,
    points: row.balanceAfter,
    tier: row.tierAfter,
    previous_points: row.balanceAfter - row.delta,
    previous_tier: row.tierBefore,
    operation: row.operation,
    description: row.description,
    transaction_reference: row.transactionReference,
    was_duplicate: wasDuplicate,
  };
}
