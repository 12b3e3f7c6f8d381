import type { DomainEvent } from '@wp/contracts';
import { createEvent } from './append-event';
import { groupByEntity } from './outbox.relay';

const TENANT = '00000000-0000-4000-8000-000000000001';
const points = (member: string, version: number): DomainEvent =>
  createEvent('member.points_changed', TENANT, {
    member_id: member,
    member_uuid: member,
    version,
    points: version,
    previous_points: 0,
    delta: version,
    tier: 'bronze',
    previous_tier: 'bronze',
    operation: 'add',
    transaction_reference: `${member}-${version}`,
  });

describe('groupByEntity (the relay grouping a round of events into jobs)', () => {
  const events = Array.from({ length: 300 }, (_, i) => points(`member-${i % 40}`, Math.floor(i / 40) + 1));
  const jobs = groupByEntity(events, 25);

  test('loses nothing, duplicates nothing', () => {
    expect(jobs.flat().map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
  });

  test("keeps each member's events in one job, in outbox order", () => {
    for (let m = 0; m < 40; m++) {
      const holding = jobs.filter((job) => job.some((e) => (e.data as { member_uuid: string }).member_uuid === `member-${m}`));
      expect(holding).toHaveLength(1);
      const versions = holding[0].filter((e) => (e.data as { member_uuid: string }).member_uuid === `member-${m}`).map((e) => (e.data as { version: number }).version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
  });

  test('spreads a round over about size-sized jobs', () => {
    expect(jobs.length).toBeGreaterThan(1);
    expect(jobs.length).toBeLessThanOrEqual(Math.ceil(events.length / 25));
  });
});
