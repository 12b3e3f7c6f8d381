import type { LedgerKind, LedgerOperation } from '@wp/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Member } from '../members/member.entity';
import { PointTransaction } from './point-transaction.entity';

export interface LedgerEntry {
  kind: LedgerKind;
  delta: number;
  balanceAfter: number;
  tierAfter: string;
  operation: LedgerOperation;
  description: string | null;
  transactionReference: string;
}

/**
 * Appends one ledger row for a member whose row the caller holds locked. created_at is
 * clock_timestamp() taken under that lock, so the ledger's order is the order of application.
 */
export async function appendLedgerRow(tx: EntityManager, member: Member, entry: LedgerEntry): Promise<PointTransaction> {
  const values = { id: randomUUID(), tenantId: member.tenantId, memberPk: member.id, tierBefore: member.tier, ...entry };
  const inserted = await tx
    .createQueryBuilder()
    .insert()
    .into(PointTransaction)
    .values({ ...values, createdAt: () => 'clock_timestamp()' })
    .returning('created_at')
    .execute();
  return tx.create(PointTransaction, { ...values, createdAt: (inserted.raw as Array<{ created_at: Date }>)[0].created_at });
}
