// `npm start`: build, then run the gateway and the four services on this machine against the
// local Postgres and Redis (defaults from spec/API.md §6), and say what to do next.
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { build } from './build.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PORT = Number(process.env.PORT ?? 3000);
const processes = [
  ['tenant-management', 'dist/apps/tenant-management/src/main.js'],
  ['member-data', 'dist/apps/member-data/src/main.js'],
  ['pass-generation', 'dist/apps/pass-generation/src/main.js'],
  ['notification', 'dist/apps/notification/src/main.js'],
  ['gateway', 'dist/gateway/src/main.js'],
];
const colours = [36, 35, 33, 32, 34];

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

const { count, ms } = await build();
console.log(`built ${count} files in ${ms} ms`);

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

const children = processes.map(([name, entry], i) => {
  const child = spawn(process.execPath, [path.join(root, entry)], { cwd: root, env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) if (line.trim()) console.log(format(name, colours[i], line));
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the fleet`);
      stop(1);
    }
  });
  return child;
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
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
\x1b[1mWalletPass is running at ${base}\x1b[0m  (API reference: ${base}/docs, OpenAPI: ${base}/openapi.json)

Next, in another terminal:
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
