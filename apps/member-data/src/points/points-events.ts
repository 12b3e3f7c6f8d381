import { DomainEvent } from '@wp/contracts';
import { createEvent } from '@wp/events';
import type { Member } from '../members/member.entity';
import type { PointTransaction } from './point-transaction.entity';

/** The events of a points row, as PUT points writes them. */
export function pointsEvents(member: Pick<Member, 'tenantId' | 'memberId' | 'id'>, row: PointTransaction, version: number): DomainEvent[] {
  const ref = { member_id: member.memberId, member_uuid: member.id, version };
  const events: DomainEvent[] = [];
  if (row.delta !== 0) {
    events.push(
      createEvent('member.points_changed', member.tenantId, {
        ...ref,
        points: row.balanceAfter,
        previous_points: row.balanceAfter - row.delta,
        delta: row.delta,
        tier: row.tierAfter,
        previous_tier: row.tierBefore,
        operation: row.operation,
        transaction_reference: row.transactionReference,
      }),
    );
  }
  if (row.tierAfter !== row.tierBefore) {
    events.push(createEvent('member.tier_changed', member.tenantId, { ...ref, tier: row.tierAfter, previous_tier: row.tierBefore, points: row.balanceAfter, reason: 'points' }));
  }
  return events;
}
