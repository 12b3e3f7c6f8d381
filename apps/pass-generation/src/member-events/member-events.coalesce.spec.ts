import type { DomainEvent } from '@wp/contracts';
import { createEvent } from '@wp/events';
import { MemberEventsSubscriber } from './member-events.subscriber';

const TENANT = '00000000-0000-4000-8000-000000000001';
const subscriber = new MemberEventsSubscriber(null as never, null as never, null as never);

function points(memberUuid: string, version: number, balance: number): DomainEvent {
  return createEvent('member.points_changed', TENANT, {
    member_id: memberUuid,
    member_uuid: memberUuid,
    version,
    points: balance,
    previous_points: 0,
    delta: balance,
    tier: 'bronze',
    previous_tier: 'bronze',
    operation: 'add',
    transaction_reference: `ref-${version}`,
  });
}

describe('MemberEventsSubscriber.coalesce (several changes of one member waiting together)', () => {
  test("keeps only each member's newest points or tier event, in outbox order, and leaves other events alone", () => {
    const a1 = points('a', 1, 10);
    const b1 = points('b', 1, 5);
    const a2 = points('a', 2, 20);
    // A points change that crosses a tier boundary: both events carry the same member version.
    const a3 = points('a', 3, 120);
    const a3tier = createEvent('member.tier_changed', TENANT, { member_id: 'a', member_uuid: 'a', version: 3, tier: 'silver', previous_tier: 'bronze', points: 120, reason: 'points' });
    const profile = createEvent('member.updated', TENANT, { member_id: 'a', member_uuid: 'a', version: 4, changed: ['member_name'], style_group_id: null });
    expect(subscriber.coalesce([a1, b1, a2, a3, a3tier, profile])).toEqual([b1, a3tier, profile]);
  });

  test('an older event arriving after a newer one does not replace it', () => {
    const newer = points('a', 5, 50);
    const older = points('a', 4, 40);
    expect(subscriber.coalesce([newer, older])).toEqual([newer]);
  });
});
