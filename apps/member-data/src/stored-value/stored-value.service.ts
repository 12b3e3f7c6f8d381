import { Injectable } from '@nestjs/common';
import { BalanceChangeView, DomainError, DomainEvent, MemberValueChange, MemberValueChanged, UpdateBalanceDto } from '@wp/contracts';
import { appendEvents, createEvent } from '@wp/events';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { activeMember, isUniqueViolation } from '../members/active-member';
import { Member } from '../members/member.entity';
import { MembershipsService } from '../memberships/memberships.service';
import { tierFor } from '../memberships/programme';
import { appendLedgerRow } from '../points/ledger';
import { PointTransaction } from '../points/point-transaction.entity';
import { applyOperation } from '../points/points-operation';
import { pointsEvents } from '../points/points-events';
import { applyBalanceOperation } from './balance-operation';

const REFERENCE_INDEX = 'uq_point_transactions_reference';

/**
 * Stored value (spec/API.md §8.7): the points' semantics (member row lock, ledger row,
 * idempotent reference, events in the same transaction) except that money is never clamped.
 * Also the one place where a scan changes points and balance together.
 */
@Injectable()
export class StoredValueService {
  constructor(
    private readonly db: DataSource,
    private readonly memberships: MembershipsService,
  ) {}

  async changeBalance(tenantId: string, memberId: string, dto: UpdateBalanceDto, callId?: string): Promise<BalanceChangeView> {
    // Without a reference, the call id makes a rerun of this call (its replica died after committing) a replay.
    const reference = dto.transaction_reference ?? callId ?? randomUUID();
    return retryOnReferenceRace(() => this.applyBalance(tenantId, memberId, dto, reference));
  }

  /** Points and balance of one scan: both change in one transaction, or neither does. */
  async changeValue(tenantId: string, change: MemberValueChange): Promise<MemberValueChanged> {
    return retryOnReferenceRace(() => this.applyValue(tenantId, change));
  }

  private applyBalance(tenantId: string, memberId: string, dto: UpdateBalanceDto, reference: string): Promise<BalanceChangeView> {
    return this.db.transaction(async (tx) => {
      const member = await activeMember(tx, tenantId, memberId, { lock: true });
      const earlier = await tx.findOneBy(PointTransaction, { tenantId, kind: 'balance', transactionReference: reference });
      if (earlier) {
        assertSameMember(earlier, member);
        return balanceView(member.memberId, earlier, true);
      }
      const balance = applyBalanceOperation(member.balance, dto.operation, dto.amount);
      const { row, events } = await this.writeBalance(tx, member, balance, dto.operation, dto.description ?? null, reference);
      await this.bump(tx, member, { balance });
      await appendEvents(tx, events(member.version));
      return balanceView(member.memberId, row, false);
    });
  }

  private applyValue(tenantId: string, change: MemberValueChange): Promise<MemberValueChanged> {
    return this.db.transaction(async (tx) => {
      const member = await activeMember(tx, tenantId, change.member_id, { lock: true });
      const reference = change.transaction_reference;
      const earlier = await tx.findBy(PointTransaction, { tenantId, kind: In(['points', 'balance']), transactionReference: reference });
      if (earlier.length > 0) {
        for (const row of earlier) assertSameMember(row, member);
        return valueView(member, true);
      }
      const description = change.description ?? null;
      const pending: Array<(version: number) => DomainEvent[]> = [];
      const next: Partial<Pick<Member, 'balance' | 'points' | 'tier'>> = {};
      // Balance first: it is the part that may refuse (insufficient_balance), before anything is written.
      const balance = change.amount === undefined ? member.balance : applyBalanceOperation(member.balance, change.operation, change.amount);
      const points = change.points === undefined ? member.points : applyOperation(member.points, change.operation, change.points);
      if (change.amount !== undefined) {
        const { events } = await this.writeBalance(tx, member, balance, change.operation, description, reference);
        pending.push(events);
        next.balance = balance;
      }
      if (change.points !== undefined) {
        const tier = tierFor(await this.memberships.tiersFor(tx, tenantId), points);
        const row = await appendLedgerRow(tx, member, {
          kind: 'points',
          delta: points - member.points,
          balanceAfter: points,
          tierAfter: tier,
          operation: change.operation,
          description,
          transactionReference: reference,
        });
        pending.push((version) => pointsEvents(member, row, version));
        Object.assign(next, { points, tier });
      }
      await this.bump(tx, member, next);
      await appendEvents(
        tx,
        pending.flatMap((events) => events(member.version)),
      );
      return valueView(member, false);
    });
  }

  private async writeBalance(tx: EntityManager, member: Member, balance: number, operation: UpdateBalanceDto['operation'], description: string | null, reference: string) {
    const row = await appendLedgerRow(tx, member, {
      kind: 'balance',
      delta: balance - member.balance,
      balanceAfter: balance,
      tierAfter: member.tier,
      operation,
      description,
      transactionReference: reference,
    });
    const events = (version: number): DomainEvent[] =>
      row.delta === 0
        ? []
        : [
            createEvent('member.balance_changed', member.tenantId, {
              member_id: member.memberId,
              member_uuid: member.id,
              version,
              balance: row.balanceAfter,
              previous_balance: row.balanceAfter - row.delta,
              delta: row.delta,
              operation,
              transaction_reference: reference,
            }),
          ];
    return { row, events };
  }

  /** Writes what changed and raises the member's version once for the whole change (events carry it). */
  private async bump(tx: EntityManager, member: Member, next: Partial<Pick<Member, 'balance' | 'points' | 'tier'>>): Promise<void> {
    const changed = (Object.keys(next) as Array<keyof typeof next>).some((key) => next[key] !== member[key]);
    if (!changed) return;
    Object.assign(member, next, { version: member.version + 1 });
    await tx.update(Member, { id: member.id }, { ...next, version: member.version });
  }
}

async function retryOnReferenceRace<T>(apply: () => Promise<T>): Promise<T> {
  try {
    return await apply();
  } catch (error) {
    // The same reference was being used for another member at the same moment: its row is committed now, and the retry reports it.
    if (isUniqueViolation(error, REFERENCE_INDEX)) return apply();
    throw error;
  }
}

function assertSameMember(row: PointTransaction, member: Member): void {
  if (row.memberPk !== member.id) {
    throw new DomainError('unprocessable', 'This transaction_reference was already used for another member', [
      { field: 'transaction_reference', message: 'was already used for another member' },
    ]);
  }
}

function balanceView(memberId: string, row: PointTransaction, wasDuplicate: boolean): BalanceChangeView {
  return {
    member_id: memberId,
    balance: row.balanceAfter,
    previous_balance: row.balanceAfter - row.delta,
    operation: row.operation as BalanceChangeView['operation'],
    description: row.description,
    transaction_reference: row.transactionReference,
    was_duplicate: wasDuplicate,
  };
}

function valueView(member: Member, wasDuplicate: boolean): MemberValueChanged {
  return { member_id: member.memberId, member_name: member.memberName, points: member.points, balance: member.balance, tier: member.tier, was_duplicate: wasDuplicate };
}
