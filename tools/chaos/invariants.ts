/**
 * What `npm run chaos` checks once the fleet is quiet again, as a pure function of what the
 * load recorded and what the database and the fakes hold, so the checker itself has a unit
 * spec (tools/chaos/invariants.spec.ts) that feeds it known violations.
 */

/** One logical write of the load, after all its retries. */
export interface WriteRecord {
  kind: 'register' | 'points' | 'pass';
  member: string;
  /** `done`: a 2xx came back; `refused`: a 4xx did; `unknown`: it may or may not have applied (no retry was safe). */
  outcome: 'done' | 'refused' | 'unknown';
  /** points: the amount added and the reference (the client's, or the one the server made and returned). */
  amount?: number;
  reference?: string;
  /** pass: the id the 2xx named. */
  passId?: string;
}

export interface Observed {
  writes: WriteRecord[];
  /** Every HTTP status the load received, retries included, with the error message of a 5xx. */
  statuses: Array<{ status: number; retryAfter: boolean; path: string }>;
  members: Array<{ member_id: string; points: number }>;
  ledger: Array<{ member_id: string; transaction_reference: string; delta: number }>;
  passes: Array<{ id: string; member_id: string; stale: boolean }>;
  /** Outbox rows of every producing service. */
  outbox: Array<{ event_id: string; type: string; published: boolean }>;
  /** For each outbox event, the consumers that recorded it as processed. */
  processed: Map<string, Set<string>>;
  /** Which consumers each event type goes to. */
  consumersOf: (type: string) => string[];
  /** Event types the webhook subscribed to, and the event ids the receiver got. */
  webhookTypes: Set<string>;
  webhookEventIds: Set<string>;
  /** Each registered device: its push token, when its pass last changed, whether a push came after. */
  devices: Array<{ token: string; pushedAfterLastChange: boolean; detail?: string }>;
}

export interface InvariantRow {
  invariant: string;
  checked: number;
  violations: number;
  examples: string[];
}

function row(invariant: string, items: unknown[], failing: string[]): InvariantRow {
  return { invariant, checked: items.length, violations: failing.length, examples: failing.slice(0, 3) };
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function checkInvariants(o: Observed): InvariantRow[] {
  const rows: InvariantRow[] = [];
  const done = (kind: WriteRecord['kind']) => o.writes.filter((w) => w.kind === kind && w.outcome === 'done');

  const memberRows = countBy(o.members, (m) => m.member_id);
  const registered = done('register');
  rows.push(row('every 2xx register: its member exists exactly once', registered, registered.filter((w) => memberRows.get(w.member) !== 1).map((w) => `${w.member}: ${memberRows.get(w.member) ?? 0} rows`)));

  const ledgerByReference = countBy(o.ledger, (r) => `${r.member_id}/${r.transaction_reference}`);
  const points = done('points');
  rows.push(
    row('every 2xx points change: its ledger row exists exactly once', points, points.filter((w) => ledgerByReference.get(`${w.member}/${w.reference}`) !== 1).map((w) => `${w.member}/${w.reference}: ${ledgerByReference.get(`${w.member}/${w.reference}`) ?? 0} rows`)),
  );

  // Ledger rows nobody got a 2xx for must each be a write whose outcome the client could not know.
  const known = new Set(points.map((w) => `${w.member}/${w.reference}`));
  const unknownPoints = countBy(o.writes.filter((w) => w.kind === 'points' && w.outcome === 'unknown'), (w) => w.member);
  const extraRows = countBy(o.ledger.filter((r) => !known.has(`${r.member_id}/${r.transaction_reference}`)), (r) => r.member_id);
  rows.push(
    row('no ledger row beyond the writes sent (unknown outcomes at most once)', o.members, [...extraRows].filter(([member, extra]) => extra > (unknownPoints.get(member) ?? 0)).map(([member, extra]) => `${member}: ${extra} unexplained rows`)),
  );

  const ledgerSum = new Map<string, number>();
  for (const r of o.ledger) ledgerSum.set(r.member_id, (ledgerSum.get(r.member_id) ?? 0) + r.delta);
  rows.push(row('balance equals the sum of its ledger', o.members, o.members.filter((m) => m.points !== (ledgerSum.get(m.member_id) ?? 0)).map((m) => `${m.member_id}: ${m.points} ≠ ${ledgerSum.get(m.member_id) ?? 0}`)));

  const passIds = new Set(o.passes.map((p) => p.id));
  const created = done('pass');
  const passesPerMember = countBy(o.passes, (p) => p.member_id);
  const createsPerMember = countBy(created, (w) => w.member);
  const unknownCreates = countBy(o.writes.filter((w) => w.kind === 'pass' && w.outcome === 'unknown'), (w) => w.member);
  rows.push(
    row('every 2xx pass creation: its pass exists, and no member has more passes than creations', created, [
      ...created.filter((w) => !passIds.has(w.passId ?? '')).map((w) => `${w.passId} missing`),
      ...[...passesPerMember].filter(([member, n]) => n > (createsPerMember.get(member) ?? 0) + (unknownCreates.get(member) ?? 0)).map(([member, n]) => `${member}: ${n} passes for ${createsPerMember.get(member) ?? 0} creations`),
    ]),
  );

  rows.push(row('outbox drained (every event published)', o.outbox, o.outbox.filter((e) => !e.published).map((e) => `${e.type} ${e.event_id}`)));
  const deliveries = o.outbox.flatMap((e) => o.consumersOf(e.type).map((consumer) => ({ e, consumer })));
  rows.push(row('every event processed by each of its consumers', deliveries, deliveries.filter(({ e, consumer }) => !o.processed.get(e.event_id)?.has(consumer)).map(({ e, consumer }) => `${consumer} missed ${e.type} ${e.event_id}`)));
  const subscribed = o.outbox.filter((e) => o.webhookTypes.has(e.type));
  rows.push(row('every subscribed event reached the webhook receiver', subscribed, subscribed.filter((e) => !o.webhookEventIds.has(e.event_id)).map((e) => `${e.type} ${e.event_id}`)));
  rows.push(row('every pass shows its member’s latest version', o.passes, o.passes.filter((p) => p.stale).map((p) => `${p.id} of ${p.member_id}`)));
  rows.push(row('every registered device got a push after its pass last changed', o.devices, o.devices.filter((d) => !d.pushedAfterLastChange).map((d) => `${d.token.slice(0, 12)} ${d.detail ?? ''}`.trim())));

  const serverErrors = o.statuses.filter((s) => s.status >= 500);
  rows.push(
    row('no 5xx but 503 with Retry-After', serverErrors, serverErrors.filter((s) => s.status !== 503 || !s.retryAfter).map((s) => `${s.status} on ${s.path}${s.retryAfter ? '' : ' without Retry-After'}`)),
  );
  return rows;
}

/** The table `npm run chaos` prints. */
export function formatTable(rows: InvariantRow[]): string {
  const width = Math.max(...rows.map((r) => r.invariant.length), 'invariant'.length);
  const line = (a: string, b: string, c: string) => `${a.padEnd(width)}  ${b.padStart(8)}  ${c.padStart(10)}`;
  const out = [line('invariant', 'checked', 'violations'), '-'.repeat(width + 22)];
  for (const r of rows) {
    out.push(line(r.invariant, String(r.checked), String(r.violations)));
    for (const example of r.examples) out.push(`    e.g. ${example}`);
  }
  return out.join('\n');
}
