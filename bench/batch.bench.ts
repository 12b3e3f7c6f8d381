// Batch throughput: passes created per second by one 10,000-operation POST /v1/batch, from the
// 202 to the batch's `completed`, on a whole fleet booted from dist/ (real processes, the local
// Postgres and Redis). Baseline, measured in the same fleet and run: the same creates sent one
// by one to POST /v1/passes/create-from-member by a client keeping a few requests in flight,
// as an integrator without batches would. Each create is a real pass (member snapshot from
// member-data, signer identity from tenant-management, the row and its pass.created event);
// signing happens at the first download in both paths, so neither pays for it here.
// Second row: the batch's passes/s beside what this machine can sign at all, bare RSA-2048
// signatures per second on one core times the cores, measured in the same run (issue 13's
// bar: a batch at half of that).
import { Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';

import { generateKeyPairSync, sign } from 'node:crypto';
import os from 'node:os';

interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
  lowerIsBetter?: boolean;
}

const OPERATIONS = Number(process.env.BATCH_BENCH_OPERATIONS ?? 10_000);
/** The baseline's rate settles within a few thousand requests; sending all 10,000 would only lengthen the run. */
const BASELINE_REQUESTS = Math.min(OPERATIONS, Number(process.env.BATCH_BENCH_BASELINE_REQUESTS ?? 1_500));
const CLIENT_CONCURRENCY = 8;
/** A member may hold many passes: cycling through a few hundred keeps the setup short. */
const MEMBERS = 200;

const memberId = (i: number) => `BENCH-${String(i % MEMBERS).padStart(4, '0')}`;
const createBody = (i: number) => ({ member_id: memberId(i), pass_type: 'apple', company_name: 'Bench Coffee' });

async function inParallel(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function expectStatus(tenant: TenantFixture, path: string, body: unknown, status: number): Promise<any> {
  const response = await tenant.api.post(path, body);
  if (response.status !== status) throw new Error(`POST ${path}: ${response.status} ${response.text.slice(0, 300)}`);
  return response.body;
}

/** Passes/s of single creates, CLIENT_CONCURRENCY requests in flight. */
async function oneByOne(tenant: TenantFixture): Promise<number> {
  const started = performance.now();
  await inParallel(BASELINE_REQUESTS, CLIENT_CONCURRENCY, async (i) => void (await expectStatus(tenant, '/v1/passes/create-from-member', createBody(i), 201)));
  return BASELINE_REQUESTS / ((performance.now() - started) / 1000);
}

/** Passes/s of one batch, from submitting it to its completion. */
async function asBatch(tenant: TenantFixture): Promise<number> {
  const operations = Array.from({ length: OPERATIONS }, (_, i) => ({ op: 'create_pass', ...createBody(i) }));
  const started = performance.now();
  const submitted = await expectStatus(tenant, '/v1/batch', { operations }, 202);
  const batch = await waitFor(
    'the batch to complete',
    async () => {
      const response = await tenant.api.get(`/v1/batch/${submitted.data.batch_id}`);
      return response.status === 200 && response.body.data.state === 'completed' ? response.body.data : undefined;
    },
    600_000,
    100,
  );
  const seconds = (performance.now() - started) / 1000;
  if (batch.succeeded !== OPERATIONS) throw new Error(`batch ended with ${batch.succeeded} of ${OPERATIONS} succeeded: ${JSON.stringify(batch.errors.slice(0, 3))}`);
  return OPERATIONS / seconds;
}

/** Bare RSA-2048 SHA-256 signatures per second on one core (what each .pkpass signature costs at least). */
function rsaSignsPerSecond(): number {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const data = Buffer.alloc(256, 1);
  for (let i = 0; i < 50; i++) sign('sha256', data, privateKey);
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) {
    sign('sha256', data, privateKey);
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

export default async function run(): Promise<BenchRow[]> {
  const fleet = await Fleet.start({ env: { RATE_LIMIT_RPS: '100000', RATE_LIMIT_BURST: '100000', RPC_TIMEOUT_MS: '30000' } });
  try {
    const admin = await bootstrapAdmin(fleet);
    // One tenant per path, so neither measures against the other's rows.
    const [single, batched] = [await onboardTenant(fleet, admin), await onboardTenant(fleet, admin)];
    for (const tenant of [single, batched]) {
      await inParallel(MEMBERS, CLIENT_CONCURRENCY, async (i) => void (await expectStatus(tenant, '/v1/members/register', { member_id: memberId(i), member_name: `Member ${i}` }, 201)));
    }
    const baseline = await oneByOne(single);
    const value = await asBatch(batched);
    const cores = os.availableParallelism();
    const signs = rsaSignsPerSecond();
    process.stderr.write(`  bare RSA-2048 signs: ${Math.round(signs)}/s on one core, ${cores} cores\n`);
    return [
      { name: `${OPERATIONS.toLocaleString('en-US')}-operation create_pass batch vs bare RSA-2048 signs/s × ${cores} cores`, unit: 'passes/s', baseline: signs * cores, value },
      {
        name: `${OPERATIONS.toLocaleString('en-US')}-operation create_pass batch, submit to completed (vs single creates, ${CLIENT_CONCURRENCY} in flight)`,
        unit: 'passes/s',
        baseline,
        value,
      },
    ];
  } finally {
    await fleet.stop();
  }
}
