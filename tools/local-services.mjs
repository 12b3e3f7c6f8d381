// `npm start` on a laptop with nothing set up: when nothing answers on the local PostgreSQL or
// Redis address, start one for this run (PostgreSQL from the system's initdb/pg_ctl, data in
// the git-ignored .local/pg; Redis from redis-server on PATH) and stop it again on exit. A
// remote address, or a service already listening, is left alone.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.setTimeout(timeoutMs, () => (socket.destroy(), resolve(false)));
  });
}

async function waitReachable(host, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await reachable(host, port, 500)) return true;
    await delay(100);
  }
  return false;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() || null;
}

/** initdb and pg_ctl from PATH, else from the newest Debian /usr/lib/postgresql/<major>/bin. */
export function findPostgresBinaries() {
  const fromPath = onPath('initdb') && onPath('pg_ctl');
  if (fromPath) return { initdb: onPath('initdb'), pgCtl: onPath('pg_ctl') };
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  if (!majors.length) return null;
  const bin = path.join(base, majors[0], 'bin');
  return { initdb: path.join(bin, 'initdb'), pgCtl: path.join(bin, 'pg_ctl') };
}

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` system user. */
function asPostgresUser(command, args) {
  if (process.getuid?.() !== 0) return [command, args];
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

function run(command, args, opts = {}) {
  const [cmd, argv] = asPostgresUser(command, args);
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

async function startPostgres({ root, host, port, log }) {
  const binaries = findPostgresBinaries();
  if (!binaries) {
    return `PostgreSQL is not running on ${host}:${port} and is not installed.\n    install it: apt-get install postgresql   (macOS: brew install postgresql)`;
  }
  const dataDir = path.join(root, '.local', 'pg');
  const socketDir = path.join(root, '.local', 'pg-socket');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(socketDir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dataDir, socketDir]);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${path.relative(root, dataDir)} (user postgres, trust auth)`);
    run(binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  }
  const options = `-p ${port} -c listen_addresses=${host === 'localhost' ? 'localhost' : host.replace(/^\[|\]$/g, '')} -k ${socketDir}`;
  run(binaries.pgCtl, ['-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  // Stopped with this run, fast: the fleet has closed its connections by then.
  process.once('exit', () => {
    const [cmd, argv] = asPostgresUser(binaries.pgCtl, ['-D', dataDir, '-m', 'fast', 'stop']);
    spawnSync(cmd, argv, { stdio: 'ignore' });
  });
  if (!(await waitReachable(host, port, 30_000))) return `the embedded PostgreSQL did not come up; see ${path.relative(root, path.join(dataDir, 'server.log'))}`;
  log(`started an embedded PostgreSQL on ${host}:${port} (data in .local/pg; it stops with npm start)`);
  return null;
}

async function startRedis({ root, host, port, log }) {
  const server = onPath('redis-server');
  if (!server) return `Redis is not running on ${host}:${port} and redis-server is not installed.\n    install it: apt-get install redis-server   (macOS: brew install redis)`;
  const dir = path.join(root, '.local', 'redis');
  mkdirSync(dir, { recursive: true });
  const bind = host === 'localhost' ? '127.0.0.1' : host.replace(/^\[|\]$/g, '');
  // In-memory for development: queues survive a fleet restart, not a Redis restart.
  const child = spawn(server, ['--port', String(port), '--bind', bind, '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  process.once('exit', () => child.kill('SIGTERM'));
  if (!(await waitReachable(host, port, 10_000))) return `redis-server did not come up on ${host}:${port}`;
  log(`started redis-server on ${host}:${port} (in memory; it stops with npm start)`);
  return null;
}

/**
 * Makes sure the fleet's PostgreSQL and Redis answer, starting local ones when their URLs
 * point at this machine and nothing listens there. Prints and returns the problems it could
 * not fix, each with the command that would.
 */
export async function ensureLocalServices({
  root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'),
  databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/walletpass',
  redisUrl = process.env.REDIS_URL ?? 'redis://localhost:6379',
  log = (line) => console.log(line),
  warn = (line) => console.error(line),
} = {}) {
  const problems = [];
  const db = new URL(databaseUrl);
  const dbTarget = { root, host: db.hostname, port: Number(db.port || 5432), log };
  if (LOCAL_HOSTS.has(db.hostname) && !(await reachable(dbTarget.host, dbTarget.port))) {
    const problem = await startPostgres(dbTarget).catch((error) => `the embedded PostgreSQL failed to start: ${error.stderr || error.message}`);
    if (problem) problems.push(problem);
  }
  const redis = new URL(redisUrl);
  const redisTarget = { root, host: redis.hostname, port: Number(redis.port || 6379), log };
  if (LOCAL_HOSTS.has(redis.hostname) && !(await reachable(redisTarget.host, redisTarget.port))) {
    const problem = await startRedis(redisTarget);
    if (problem) problems.push(problem);
  }
  problems.forEach((problem) => warn(problem));
  return problems;
}
