import { Injectable } from '@nestjs/common';
import { DomainError, Page, PageQueryDto, PointTransactionView, PointsChangeView, UpdatePointsDto } from '@wp/contracts';
import { pageNewestFirst } from '@wp/database';
import { appendEvents } from '@wp/events';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { activeMember, isUniqueViolation } from '../members/active-member';
import { Member } from '../members/member.entity';
import { MembershipsService } from '../memberships/memberships.service';
import { tierFor } from '../memberships/programme';
import { PointTransaction } from './point-transaction.entity';
import { appendLedgerRow } from './ledger';
import { pointsEvents } from './points-events';
import { pointTransactionView, pointsChangeView } from './point-transaction.view';
import { applyOperation } from './points-operation';

const REFERENCE_INDEX = 'uq_point_transactions_reference';

@Injectable()
export class PointsService {
  constructor(
    private readonly db: DataSource,
    private readonly memberships: MembershipsService,
  ) {}

  /**
   * One transaction: lock the member's row, replay a known reference, otherwise write the
   * balance, the ledger row and the events. Concurrent calls on one member queue on the row
   * lock, so each sees the balance the previous one committed, and a repeated reference
   * finds the first call's ledger row once that call has committed.
   */
  async change(tenantId: string, memberId: string, dto: UpdatePointsDto, callId?: string): Promise<PointsChangeView> {
    // Without a reference from the client, the call id makes a rerun of this call (its replica
    // died after committing) a replay instead of a second credit.
    const reference = dto.transaction_reference ?? callId ?? randomUUID();
    try {
      return await this.apply(tenantId, memberId, dto, reference);
    } catch (error) {
      // The same reference was being used for another member at the same moment: its row
      // is committed now, and the retry reports it.
      if (isUniqueViolation(error, REFERENCE_INDEX)) return this.apply(tenantId, memberId, dto, reference);
      throw error;
    }
  }

  async transactions(tenantId: string, memberId: string, query: PageQueryDto): Promise<Page<PointTransactionView>> {
    const member = await activeMember(this.db.manager, tenantId, memberId);
    const qb = this.db.getRepository(PointTransaction).createQueryBuilder('t').where('t.member_pk = :memberPk', { memberPk: member.id });
    return pageNewestFirst(qb, 't', query, pointTransactionView);
  }

  private apply(tenantId: string, memberId: string, dto: UpdatePointsDto, reference: string): Promise<PointsChangeView> {
    return this.db.transaction(async (tx) => {
      const member = await activeMember(tx, tenantId, memberId, { lock: true });

      const earlier = await tx.findOneBy(PointTransaction, { tenantId, kind: 'points', transactionReference: reference });
      if (earlier) {
        if (earlier.memberPk !== member.id) {
          throw new DomainError('unprocessable', 'This transaction_reference was already used for another member', [
            { field: 'transaction_reference', message: 'was already used for another member' },
          ]);
        }
        return pointsChangeView(member.memberId, earlier, true);
      }

      const points = applyOperation(member.points, dto.operation, dto.points);
      // Read after the row lock, never before: a re-tier job (which locks the row too) has
      // either already moved this member, and then this read sees its newer programme, or
      // it waits for this transaction and re-tiers the balance written here.
      const tier = tierFor(await this.memberships.tiersFor(tx, tenantId), points);
      const delta = points - member.points;
      const version = delta !== 0 || tier !== member.tier ? member.version + 1 : member.version;
      if (version !== member.version) await tx.update(Member, { id: member.id }, { points, tier, version });

      const row = await appendLedgerRow(tx, member, {
        kind: 'points',
        delta,
        balanceAfter: points,
        tierAfter: tier,
        operation: dto.operation,
        description: dto.description ?? null,
        transactionReference: reference,
      });
      await appendEvents(tx, pointsEvents(member, row, version));
      return pointsChangeView(member.memberId, row, false);
    });
  }
}
