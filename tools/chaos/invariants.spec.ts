import { Observed, checkInvariants, formatTable } from './invariants';
import { clientIdsOfFleet } from './redis-connections';

/** A quiet, consistent outcome of a small chaos run; each test breaks one thing. */
function healthy(): Observed {
  return {
    writes: [
      { kind: 'register', member: 'a', outcome: 'done' },
      { kind: 'points', member: 'a', outcome: 'done', amount: 3, reference: 'r1' },
      { kind: 'points', member: 'a', outcome: 'unknown', amount: 2 },
      { kind: 'pass', member: 'a', outcome: 'done', passId: 'p1' },
    ],
    statuses: [
      { status: 201, retryAfter: false, path: 'POST /v1/members/register' },
      { status: 503, retryAfter: true, path: 'PUT /v1/members/a/points' },
    ],
    members: [{ member_id: 'a', points: 5 }],
    // The unknown write did apply once: allowed.
    ledger: [
      { member_id: 'a', transaction_reference: 'r1', delta: 3 },
      { member_id: 'a', transaction_reference: 'server-made', delta: 2 },
    ],
    passes: [{ id: 'p1', member_id: 'a', stale: false }],
    outbox: [
      { event_id: 'e1', type: 'member.points_changed', published: true },
      { event_id: 'e2', type: 'pass.created', published: true },
    ],
    processed: new Map([
      ['e1', new Set(['pass-generation', 'notification'])],
      ['e2', new Set(['pass-generation', 'notification'])],
    ]),
    consumersOf: () => ['pass-generation', 'notification'],
    webhookTypes: new Set(['member.points_changed']),
    webhookEventIds: new Set(['e1']),
    devices: [{ token: 'abc', pushedAfterLastChange: true }],
  };
}

const violations = (o: Observed) => Object.fromEntries(checkInvariants(o).filter((r) => r.violations > 0).map((r) => [r.invariant, r.violations]));

describe('chaos invariant checker', () => {
  it('passes a consistent run, counting what it checked', () => {
    const rows = checkInvariants(healthy());
    expect(rows.every((r) => r.violations === 0)).toBe(true);
    expect(rows.find((r) => r.invariant.startsWith('every event processed'))?.checked).toBe(4);
    expect(formatTable(rows)).toContain('violations');
  });

  it('finds a duplicated pass, a double credit, a wrong balance and a lost 2xx write', () => {
    const o = healthy();
    o.passes.push({ id: 'p2', member_id: 'a', stale: false });
    o.ledger.push({ member_id: 'a', transaction_reference: 'r1', delta: 3 }, { member_id: 'a', transaction_reference: 'another', delta: 2 });
    o.members = [{ member_id: 'a', points: 99 }];
    o.writes.push({ kind: 'register', member: 'gone', outcome: 'done' });
    expect(violations(o)).toEqual({
      'every 2xx pass creation: its pass exists, and no member has more passes than creations': 1,
      'every 2xx points change: its ledger row exists exactly once': 1,
      'no ledger row beyond the writes sent (unknown outcomes at most once)': 1,
      'balance equals the sum of its ledger': 1,
      'every 2xx register: its member exists exactly once': 1,
    });
  });

  it('finds events stuck in the outbox, unprocessed, undelivered, and passes and devices left behind', () => {
    const o = healthy();
    o.outbox[1].published = false;
    o.processed.get('e1')!.delete('notification');
    o.webhookEventIds.clear();
    o.passes[0].stale = true;
    o.devices[0].pushedAfterLastChange = false;
    expect(violations(o)).toEqual({
      'outbox drained (every event published)': 1,
      'every event processed by each of its consumers': 1,
      'every subscribed event reached the webhook receiver': 1,
      'every pass shows its member’s latest version': 1,
      'every registered device got a push after its pass last changed': 1,
    });
  });

  it('allows 503 with Retry-After only', () => {
    const o = healthy();
    o.statuses.push({ status: 500, retryAfter: false, path: 'POST /x' }, { status: 503, retryAfter: false, path: 'POST /y' });
    expect(violations(o)).toEqual({ 'no 5xx but 503 with Retry-After': 2 });
  });
});

describe('the fleet’s own Redis connections', () => {
  it('are picked from CLIENT LIST by the namespace their names start with', () => {
    const list = [
      'id=7 addr=127.0.0.1:50001 laddr=127.0.0.1:6379 fd=8 name=tchaos:bus:member-data user=default',
      'id=8 addr=127.0.0.1:50002 laddr=127.0.0.1:6379 fd=9 name=tother:bus:member-data user=default',
      'id=9 addr=[::1]:50003 laddr=[::1]:6379 fd=10 name= user=default',
      'id=10 addr=127.0.0.1:50004 laddr=127.0.0.1:6379 fd=11 name=tchaos:events-notification user=default',
      'id=11 addr=127.0.0.1:50005 laddr=127.0.0.1:6379 fd=12 name=tchaosx:bus user=default',
    ].join('\n');
    expect(clientIdsOfFleet(list, 'tchaos')).toEqual(['7', '10']);
  });
});
