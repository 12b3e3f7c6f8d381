// `npm run bench -- live-update --google`: the Google half of the live-update path. 1,000
// members, each with a Google pass, get their points changed at once; the figure is each
// member's time from its PUT's answer to the local Google Wallet API fake receiving the
// object write that carries the new balance (member-data's outbox → relay → pass-generation
// re-renders a new version → its Google syncer PATCHes the loyalty object through the real
// googleapis client). Afterwards every object at the fake must hold its member's final points.
// Baseline: the same path for one update at a time, measured in this run.
import { FakeGoogleWalletServer, RecordedRequest, createTestServiceAccount } from '@wp/google-wallet/testing';
import { Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';

export interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
  lowerIsBetter?: boolean;
}

const MEMBERS = 1000;
const SEQUENTIAL = 25;
const SETUP_CONCURRENCY = 40;
const ISSUER_ID = '3388000000012345678';

interface Holder {
  memberId: string;
  objectId: string;
  points: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const balanceOf = (request: RecordedRequest): number | undefined => (request.body as { loyaltyPoints?: { balance?: { int?: number } } } | null)?.loyaltyPoints?.balance?.int;
/** The object a write is for: in the path of a PATCH, in the body of an insert. */
const objectIdOf = (request: RecordedRequest): string | undefined =>
  request.method === 'PATCH' ? request.path.split('/').pop() : ((request.body as { id?: string } | null)?.id ?? undefined);
const isObjectWrite = (request: RecordedRequest) => (request.method === 'PATCH' || request.method === 'POST') && request.status < 300 && request.path.includes('/loyaltyObject');

async function enrol(tenant: TenantFixture, memberId: string): Promise<Holder> {
  const registered = await tenant.api.post('/v1/members/register', { member_id: memberId });
  if (registered.status !== 201) throw new Error(`register ${memberId}: ${registered.status}`);
  const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: 'google', company_name: 'Bench Coffee' });
  if (created.status !== 201) throw new Error(`create Google pass for ${memberId}: ${created.status} ${created.text}`);
  return { memberId, objectId: `${ISSUER_ID}.${created.body.data.pass_id}`, points: 0 };
}

/** Milliseconds from each PUT's answer to the first object write carrying the new balance (sorted). */
async function updateAndTime(tenant: TenantFixture, google: FakeGoogleWalletServer, holders: Holder[]): Promise<number[]> {
  const answeredAt = new Map<string, number>();
  await Promise.all(
    holders.map(async (holder) => {
      const response = await tenant.api.put(`/v1/members/${holder.memberId}/points`, { points: 10, operation: 'add' });
      answeredAt.set(holder.memberId, Date.now());
      if (response.status !== 200) throw new Error(`PUT points for ${holder.memberId}: ${response.status} ${response.text}`);
      holder.points += 10;
    }),
  );
  const wanted = new Map(holders.map((holder) => [`${holder.objectId} ${holder.points}`, holder]));
  const arrived = await waitFor(
    `${holders.length} Google object writes`,
    () => {
      const first = new Map<Holder, RecordedRequest>();
      for (const request of google.requests) {
        if (!isObjectWrite(request)) continue;
        const holder = wanted.get(`${objectIdOf(request)} ${balanceOf(request)}`);
        if (holder && !first.has(holder)) first.set(holder, request);
      }
      return first.size === holders.length ? first : undefined;
    },
    600_000,
    100,
  );
  return holders.map((holder) => Math.max(0, (arrived.get(holder) as RecordedRequest).receivedAt.getTime() - (answeredAt.get(holder.memberId) as number))).sort((a, b) => a - b);
}

export async function runGoogle(): Promise<BenchRow[]> {
  const account = createTestServiceAccount();
  const google = new FakeGoogleWalletServer();
  google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
  const { url } = await google.start();
  const fleet = await Fleet.start({
    env: { GOOGLE_WALLET_API_URL: url, LOG_LEVEL: 'warn', RPC_TIMEOUT_MS: '120000', RATE_LIMIT_RPS: '100000', RATE_LIMIT_BURST: '100000' },
  });
  try {
    const tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet), 'Bench Coffee');
    const stored = await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: JSON.stringify(account.json) });
    if (stored.status !== 200) throw new Error(`PUT /v1/tenant/google: ${stored.status}`);
    const holders: Holder[] = [];
    const ids = Array.from({ length: MEMBERS }, (_, i) => `GBENCH-${String(i).padStart(4, '0')}`);
    const setupStarted = Date.now();
    await inParallel(ids, SETUP_CONCURRENCY, async (memberId) => void holders.push(await enrol(tenant, memberId)));
    // Each new pass's object is written once first; the burst starts when they all are.
    await waitFor('every object written', () => (new Set(google.requests.filter(isObjectWrite).map(objectIdOf)).size >= MEMBERS ? true : undefined), 600_000, 200);
    process.stderr.write(`  ${MEMBERS} members with a Google pass (object written) in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s\n`);

    const sequential: number[] = [];
    await updateAndTime(tenant, google, [holders[0]]);
    for (const holder of holders.slice(1, SEQUENTIAL + 1)) sequential.push(...(await updateAndTime(tenant, google, [holder])));
    sequential.sort((a, b) => a - b);

    const writesBefore = google.requests.filter(isObjectWrite).length;
    const started = Date.now();
    const concurrent = await updateAndTime(tenant, google, holders);
    const drainedSeconds = (Date.now() - started) / 1000;
    const stale = holders.filter((holder) => (google.loyaltyObject(holder.objectId) as { loyaltyPoints?: { balance?: { int?: number } } } | undefined)?.loyaltyPoints?.balance?.int !== holder.points);
    const writes = google.requests.filter(isObjectWrite).length - writesBefore;
    process.stderr.write(`  ${writes} object writes for ${MEMBERS} changes; burst drained in ${drainedSeconds.toFixed(1)} s; ${MEMBERS - stale.length} of ${MEMBERS} objects hold their final points\n`);
    return [
      { name: `PUT points → Google object write, p50 (${MEMBERS} concurrent; baseline: one at a time)`, unit: 'ms', baseline: percentile(sequential, 50), value: percentile(concurrent, 50), lowerIsBetter: true },
      { name: `PUT points → Google object write, p99 (${MEMBERS} concurrent; baseline: one at a time)`, unit: 'ms', baseline: percentile(sequential, 99), value: percentile(concurrent, 99), lowerIsBetter: true },
      { name: `Google object writes per second (${MEMBERS} concurrent updates)`, unit: 'write/s', baseline: null, value: MEMBERS / drainedSeconds },
      { name: 'Google objects holding their final points after the burst', unit: 'objects', baseline: MEMBERS, value: MEMBERS - stale.length },
    ];
  } finally {
    await fleet.stop();
    await google.stop();
  }
}
