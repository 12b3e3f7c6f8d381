// `npm start`: build, then run the gateway and the four services on this machine against the
// local Postgres and Redis, supervised, and say what to do next.
// REPLICAS=N runs N processes of each service and N gateway workers (one port).
// A process that dies is restarted with backoff while the rest keep serving; Ctrl-C stops all.
// `--no-build` skips the build (for a dist/ built already, as the supervisor's own test does).
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PORT = Number(process.env.PORT ?? 3000);
const REPLICAS = Number(process.env.REPLICAS ?? 1);
if (!Number.isInteger(REPLICAS) || REPLICAS < 1 || REPLICAS > 16) {
  console.error('REPLICAS must be a whole number from 1 to 16');
  process.exit(1);
}
const services = [
  ['tenant-management', 'dist/apps/tenant-management/src/main.js', 36],
  ['member-data', 'dist/apps/member-data/src/main.js', 35],
  ['pass-generation', 'dist/apps/pass-generation/src/main.js', 33],
  ['notification', 'dist/apps/notification/src/main.js', 32],
];
// N replicas of each service; one gateway process whose N cluster workers share the port.
const processes = [
  ...services.flatMap(([name, entry, colour]) => Array.from({ length: REPLICAS }, (_, i) => ({ name: REPLICAS > 1 ? `${name}#${i + 1}` : name, entry, colour }))),
  { name: 'gateway', entry: 'dist/gateway/src/main.js', colour: 34, env: { GATEWAY_WORKERS: String(REPLICAS) } },
];

function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || fallbackPort) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.setTimeout(1500, () => (socket.destroy(), resolve(false)));
  });
}

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/walletpass';
const redisUrl = process.env.REDIS_URL ?? 'redis://localhost:6379';
await (await import('./local-services.mjs')).ensureLocalServices({ root, databaseUrl, redisUrl });
const missing = [];
if (!(await reachable(databaseUrl, 5432))) missing.push(`PostgreSQL at ${databaseUrl}\n    start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
if (!(await reachable(redisUrl, 6379))) missing.push(`Redis at ${redisUrl}\n    start it: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no`);
if (missing.length) {
  console.error(`Cannot start: not reachable:\n  - ${missing.join('\n  - ')}`);
  process.exit(1);
}

if (!process.argv.includes('--no-build')) {
  const { count, ms } = await build();
  console.log(`built ${count} files in ${ms} ms`);
}

/** One readable line per JSON log record; anything else is printed as it came. */
function format(name, colour, line) {
  let text = line;
  try {
    const record = JSON.parse(line);
    const { level, time, msg, service: _s, context: _c, ...rest } = record;
    const extras = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' ');
    text = `${String(time).slice(11, 19)} ${level === 'info' ? '' : `${String(level).toUpperCase()} `}${msg}${extras ? `  ${extras}` : ''}`;
  } catch {
    // not JSON: leave it as it is
  }
  return `\x1b[${colour}m${name.padEnd(17)}\x1b[0m ${text}`;
}

/** Restart delays after a crash: 0.5 s doubling to 30 s; a process up for a minute starts over. */
const backoff = (failures) => Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1));
const running = new Map();
let stopping = false;

function launch(proc, failures = 0) {
  const child = spawn(process.execPath, [path.join(root, proc.entry)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development', ...proc.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const startedAt = Date.now();
  running.set(proc.name, child);
  console.log(format(proc.name, proc.colour, `started (pid ${child.pid})`));
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) if (line.trim()) console.log(format(proc.name, proc.colour, line));
    });
  }
  child.on('exit', (code, signal) => {
    running.delete(proc.name);
    if (stopping) return;
    const next = Date.now() - startedAt > 60_000 ? 1 : failures + 1;
    const wait = backoff(next);
    console.error(format(proc.name, proc.colour, `exited (${signal ?? code}); restarting in ${wait} ms, the rest keep serving`));
    setTimeout(() => !stopping && launch(proc, next), wait);
  });
}

for (const proc of processes) launch(proc);

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const children = [...running.values()];
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

const base = `http://localhost:${PORT}`;
for (let i = 0; i < 600 && !stopping; i++) {
  const healthy = await fetch(`${base}/health`).then((r) => r.status === 200, () => false);
  if (healthy) break;
  await delay(100);
}
if (!stopping) {
  console.log(`
\x1b[1mWalletPass is running at ${base}\x1b[0m with ${REPLICAS} replica(s) of each service  (API reference: ${base}/docs, OpenAPI: ${base}/openapi.json)

Operator console: ${base}/console  (first run: "Create the super admin" on its sign-in page)

Or with curl, in another terminal:
  1. Create the super admin (once):
     curl -s -X POST ${base}/v1/bootstrap/super-admin -H 'Content-Type: application/json' \\
       -d '{"email":"admin@example.com","password":"a-long-password-123","name":"Admin"}'
  2. With its access_token, create an onboarding bearer token:
     curl -s -X POST ${base}/v1/bearer-tokens -H 'Authorization: Bearer st_...' -H 'Content-Type: application/json' -d '{"name":"Dev"}'
  3. Onboard a tenant (returns its wp_ API key):
     curl -s -X POST ${base}/v1/onboard -H 'Authorization: Bearer bt_...' -H 'Content-Type: application/json' \\
       -d '{"company_name":"My Company","contact_email":"contact@mycompany.com","contact_name":"John Doe"}'
  4. curl -s ${base}/v1/tenant -H 'X-API-Key: wp_...'
Press Ctrl+C to stop.
`);
}
