// The hot path as an integrator meets it: `GET /v1/members/{id}` and `PUT /v1/members/{id}/points`
// (add 1), autocannon at 50 connections spread over 200 members, against the fleet run with one
// replica of everything, then with two (two processes per service, two gateway workers), then
// against a single Fastify + pg process doing the same SQL on the same tables (./hot-path/
// baseline-server.ts), all in this run. Logs at `info`, as `npm start` runs; rate limits lifted.
// Prints req/s, p50, p99, the ratio to the baseline and the CPU milliseconds each process spent
// per request (from /proc, so Postgres and Redis are counted too).
import { Fleet, FleetMember, TenantFixture, bootstrapAdmin, onboardTenant, repoRoot, waitFor } from '@wp/testing';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
  lowerIsBetter?: boolean;
}

const MEMBERS = 200;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.HOT_PATH_SECONDS ?? 12);
const SERVICES = ['tenant-management', 'member-data', 'pass-generation', 'notification'] as const;
const TICK_MS = 1000 / 100; // USER_HZ on Linux

interface RouteResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  cpuPerRequest: Map<string, number>;
}

/** CPU time (ms) of a process and all its descendants, and of the shared servers, from /proc. */
function processTable(): Array<{ pid: number; ppid: number; comm: string; cpuMs: number }> {
  const rows = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      rows.push({ pid: Number(entry), ppid: Number(fields[1]), comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // the process ended while we listed it
    }
  }
  return rows;
}

type Probe = Map<string, number[]>; // label → root pids (descendants included)

function cpuSnapshot(probe: Probe): Map<string, number> {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const row of table) children.set(row.ppid, [...(children.get(row.ppid) ?? []), row.pid]);
  const cpu = new Map(table.map((row) => [row.pid, row.cpuMs]));
  const result = new Map<string, number>();
  for (const [label, roots] of probe) {
    let total = 0;
    const stack = [...roots];
    while (stack.length) {
      const pid = stack.pop() as number;
      total += cpu.get(pid) ?? 0;
      stack.push(...(children.get(pid) ?? []));
    }
    result.set(label, total);
  }
  result.set('postgres', table.filter((row) => row.comm === 'postgres').reduce((sum, row) => sum + row.cpuMs, 0));
  result.set('redis-server', table.filter((row) => row.comm.startsWith('redis-server')).reduce((sum, row) => sum + row.cpuMs, 0));
  return result;
}

async function load(url: string, apiKey: string, members: string[], method: 'GET' | 'PUT', probe: Probe, seconds: number): Promise<RouteResult> {
  let next = 0;
  const request: autocannon.Request = {
    method,
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    setupRequest: (req) => {
      const member = members[next++ % members.length];
      return method === 'GET'
        ? { ...req, path: `/v1/members/${member}` }
        : { ...req, path: `/v1/members/${member}/points`, body: JSON.stringify({ points: 1, operation: 'add' }) };
    },
  };
  const before = cpuSnapshot(probe);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests: [request] });
  const after = cpuSnapshot(probe);
  const total = result.requests.total;
  const cpuPerRequest = new Map([...after].map(([label, ms]) => [label, total ? (ms - (before.get(label) ?? 0)) / total : 0]));
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, cpuPerRequest };
}

async function registerMembers(tenant: TenantFixture, prefix: string): Promise<string[]> {
  const members = Array.from({ length: MEMBERS }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
  for (let i = 0; i < members.length; i += 20) {
    await Promise.all(
      members.slice(i, i + 20).map(async (memberId) => {
        const response = await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: `Member ${memberId}` });
        if (response.status !== 201) throw new Error(`register ${memberId}: ${response.status} ${response.text}`);
      }),
    );
  }
  return members;
}

interface FleetRun {
  replicas: number;
  get: RouteResult;
  put: RouteResult;
}

async function runFleet(replicas: number, onIdle?: (fleet: Fleet, tenant: TenantFixture, members: string[]) => Promise<void>): Promise<FleetRun> {
  const fleet = await Fleet.start({
    env: { NODE_ENV: 'development', LOG_LEVEL: 'info', RATE_LIMIT_RPS: '1000000', RATE_LIMIT_BURST: '1000000' },
    serviceReplicas: Object.fromEntries(SERVICES.map((s) => [s, replicas])),
    processEnv: { gateway: { GATEWAY_WORKERS: String(replicas) } },
  });
  try {
    const tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet));
    const members = await registerMembers(tenant, `hp${replicas}`);
    const probe: Probe = new Map();
    const add = (label: string, key: FleetMember) => probe.set(label, [...(probe.get(label) ?? []), fleet.pid(key) as number]);
    add('gateway', 'gateway');
    for (const service of SERVICES) for (let i = 0; i < replicas; i++) add(service, (i ? `${service}#${i}` : service) as FleetMember);
    // Warm-up: JIT, connection pools, the gateway's credential cache.
    await load(fleet.api.baseUrl, tenant.apiKey, members, 'GET', probe, 2);
    const get = await load(fleet.api.baseUrl, tenant.apiKey, members, 'GET', probe, SECONDS);
    const put = await load(fleet.api.baseUrl, tenant.apiKey, members, 'PUT', probe, SECONDS);
    if (onIdle) {
      // Let the fleet finish the events the load produced before the next measurement shares the machine.
      await waitFor('outboxes drained', async () => ((await pendingOutbox(fleet)) === 0 ? true : undefined), 300_000, 200);
      await onIdle(fleet, tenant, members);
    }
    return { replicas, get, put };
  } finally {
    await fleet.stop();
  }
}

async function pendingOutbox(fleet: Fleet): Promise<number> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: fleet.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM member.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM pass.outbox WHERE published_at IS NULL) AS n`,
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The baseline, on the same database the fleet used, with the fleet's processes stopped. */
async function runBaseline(fleet: Fleet, tenant: TenantFixture, members: string[]): Promise<{ get: RouteResult; put: RouteResult }> {
  for (const name of ['gateway', ...SERVICES.flatMap((s) => [s, `${s}#1`])] as FleetMember[]) await fleet.kill(name, 'SIGTERM');
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist/bench/hot-path/baseline-server.js')], {
    env: { ...process.env, DATABASE_URL: fleet.databaseUrl, TENANT_ID: tenant.tenantId, API_KEY: tenant.apiKey, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`baseline server exited (${code})`)));
    });
    const probe: Probe = new Map([['baseline', [child.pid as number]]]);
    const url = `http://127.0.0.1:${port}`;
    await load(url, tenant.apiKey, members, 'GET', probe, 2);
    const get = await load(url, tenant.apiKey, members, 'GET', probe, SECONDS);
    const put = await load(url, tenant.apiKey, members, 'PUT', probe, SECONDS);
    return { get, put };
  } finally {
    child.kill('SIGTERM');
  }
}

function printTable(runs: FleetRun[], baseline: { get: RouteResult; put: RouteResult }): void {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));
  const cpu = (r: RouteResult) =>
    [...r.cpuPerRequest]
      .filter(([, ms]) => ms >= 0.005)
      .map(([label, ms]) => `${label} ${ms.toFixed(2)}`)
      .join(', ');
  const lines = [
    '| route | run | req/s | p50 ms | p99 ms | non-2xx | ratio to baseline | CPU ms per request |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const route of ['get', 'put'] as const) {
    const name = route === 'get' ? 'GET /v1/members/{id}' : 'PUT /v1/members/{id}/points';
    const base = baseline[route];
    lines.push(`| ${name} | single process (baseline) | ${fmt(base.rps)} | ${base.p50} | ${base.p99} | ${base.non2xx + base.errors} | 1.00 | ${cpu(base)} |`);
    for (const run of runs) {
      const r = run[route];
      lines.push(`| ${name} | fleet REPLICAS=${run.replicas} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors} | ${(r.rps / base.rps).toFixed(2)} | ${cpu(r)} |`);
    }
  }
  console.log(`\nhot path: ${CONNECTIONS} connections over ${MEMBERS} members, ${SECONDS} s per route, logs at info\n`);
  console.log(`${lines.join('\n')}\n`);
}

export default async function run(): Promise<BenchRow[]> {
  const one = await runFleet(1);
  let baseline: { get: RouteResult; put: RouteResult } | undefined;
  const two = await runFleet(2, async (fleet, tenant, members) => {
    baseline = await runBaseline(fleet, tenant, members);
  });
  if (!baseline) throw new Error('the baseline did not run');
  printTable([one, two], baseline);
  const rows: BenchRow[] = [];
  for (const run of [one, two]) {
    rows.push({ name: `GET member, REPLICAS=${run.replicas}`, unit: 'req/s', baseline: baseline.get.rps, value: run.get.rps });
    rows.push({ name: `PUT points, REPLICAS=${run.replicas}`, unit: 'req/s', baseline: baseline.put.rps, value: run.put.rps });
  }
  return rows;
}
