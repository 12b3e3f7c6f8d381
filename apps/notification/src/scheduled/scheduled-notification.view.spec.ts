import { ScheduledNotification } from './scheduled-notification.entity';
import { scheduledView } from './scheduled-notification.view';

const row = (overrides: Partial<ScheduledNotification>): ScheduledNotification =>
  Object.assign(new ScheduledNotification(), {
    id: '00000000-0000-4000-8000-000000000001',
    tenantId: '00000000-0000-4000-8000-000000000002',
    message: 'Hello',
    sendAt: new Date('2026-12-24T09:00:00Z'),
    state: 'scheduled',
    audienceKind: 'all',
    audienceMemberIds: null,
    audienceTier: null,
    audienceResolved: false,
    resolveCursor: null,
    leaseOwner: null,
    leaseUntil: null,
    startedAt: null,
    completedAt: null,
    cancelledAt: null,
    createdAt: new Date('2026-12-01T00:00:00Z'),
    updatedAt: new Date('2026-12-01T00:00:00Z'),
    ...overrides,
  });

describe('scheduled notification counts', () => {
  it('a member list is its own audience before anything is resolved', () => {
    const view = scheduledView(row({ audienceKind: 'member_ids', audienceMemberIds: ['A', 'B', 'C'] }), undefined);
    expect(view.audience).toEqual({ member_ids: ['A', 'B', 'C'] });
    expect(view.counts).toEqual({ audience: 3, sent: 0, failed: 0, skipped: 0, pending: 3 });
  });

  it('a tier or everyone has no known size until resolved', () => {
    const partly = scheduledView(row({ audienceKind: 'tier', audienceTier: 'gold', state: 'sending' }), { pending: 40, sent: 60, failed: 0, skipped: 0 });
    expect(partly.audience).toEqual({ tier: 'gold' });
    expect(partly.counts).toEqual({ audience: null, sent: 60, failed: 0, skipped: 0, pending: 40 });
  });

  it('once resolved, the audience is every recipient row', () => {
    const done = scheduledView(row({ audienceResolved: true, state: 'sent' }), { pending: 0, sent: 7, failed: 1, skipped: 2 });
    expect(done.counts).toEqual({ audience: 10, sent: 7, failed: 1, skipped: 2, pending: 0 });
  });
});
