import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { ApiClient, ApiExchange } from './http-client';
import { repoRoot } from './repo-root';
import { waitFor } from './wait-for';

export const FLEET_PROCESSES = ['tenant-management', 'member-data', 'pass-generation', 'notification', 'gateway'] as const;
export type FleetProcess = (typeof FLEET_PROCESSES)[number];

const ENTRY: Record<FleetProcess, string> = {
  gateway: 'dist/gateway/src/main.js',
  'tenant-management': 'dist/apps/tenant-management/src/main.js',
  'member-data': 'dist/apps/member-data/src/main.js',
  'pass-generation': 'dist/apps/pass-generation/src/main.js',
  notification: 'dist/apps/notification/src/main.js',
};

const HOST_LABEL: Record<Exclude<FleetProcess, 'gateway'>, string> = {
  'tenant-management': 'tenant',
  'member-data': 'member',
  'pass-generation': 'generate',
  notification: 'notification',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface FleetOptions {
  /** Extra environment for every process (e.g. low rate limits, fake endpoints). */
  env?: Record<string, string>;
  /** Per-process environment. */
  processEnv?: Partial<Record<FleetProcess, Record<string, string>>>;
  /** Gateways to run side by side on their own ports, sharing Redis and the namespace (default 1). */
  gatewayReplicas?: number;
  /** Replicas of a service sharing its bus stream (default 1); extra ones are `name#1`, `name#2`, ... */
  serviceReplicas?: Partial<Record<ServiceProcess, number>>;
  /** The fleet's WP_NAMESPACE, when a test must know it before the start (Redis ACL users scoped to it); random otherwise. */
  namespace?: string;
}

export type ServiceProcess = Exclude<FleetProcess, 'gateway'>;
/** A process of the fleet: `member-data` or one of its extra replicas, `member-data#1`. */
export type FleetMember = FleetProcess | `${FleetProcess}#${number}`;

/**
 * Boots the whole fleet from dist/ as real processes, against the real local Postgres and
 * Redis, isolated by its own database and transport namespace, so end-to-end specs drive
 * it over HTTP exactly as an integrator would (and can kill and restart a service).
 */
export class Fleet {
  readonly api: ApiClient;
  /** One client per gateway replica; the first is `api`. */
  readonly replicas: ApiClient[];
  // Keyed by process name; extra gateway replicas are `gateway#1`, `gateway#2`, ...
  private readonly children = new Map<string, ChildProcess>();
  private readonly output: Array<{ process: string; line: string }> = [];
  private readonly journal: ApiExchange[] = [];
  /** Where in `output` each process's latest life starts, to find its own ready line. */
  private readonly spawnedAt = new Map<string, number>();

  private constructor(
    readonly namespace: string,
    readonly port: number,
    readonly databaseUrl: string,
    readonly masterKey: string,
    private readonly env: Record<string, string>,
    private readonly processEnv: FleetOptions['processEnv'],
    replicaPorts: number[],
  ) {
    this.api = new ApiClient(`http://127.0.0.1:${port}`, {}, this.journal);
    this.replicas = [this.api, ...replicaPorts.map((p) => new ApiClient(`http://127.0.0.1:${p}`, {}, this.journal))];
  }

  get baseUrl(): string {
    return this.api.baseUrl;
  }

  static async start(options: FleetOptions = {}): Promise<Fleet> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Fleet.startOnce(options);
      } catch (error) {
        // freePort() cannot hold a port: another process may bind it before the gateway
        // does. Such a fleet is stopped already; a fresh one picks other ports.
        if (attempt < 3 && error instanceof Error && error.message.includes('EADDRINUSE')) continue;
        throw error;
      }
    }
  }

  private static async startOnce(options: FleetOptions): Promise<Fleet> {
    const root = repoRoot();
    for (const entry of Object.values(ENTRY)) {
      if (!existsSync(path.join(root, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
    }
    const namespace = options.namespace ?? `t${randomBytes(5).toString('hex')}`;
    const port = await freePort();
    const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    base.pathname = `/wp_test_${namespace}`;
    const masterKey = randomBytes(32).toString('hex');
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: base.toString(),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      WP_NAMESPACE: namespace,
      MASTER_KEY: masterKey,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      // Sized for a loaded CI machine: a test fails on a wrong answer, not a slow one.
      RPC_TIMEOUT_MS: '30000',
      // Cheap scrypt: a bootstrap or login costs a millisecond instead of a core-second.
      PASSWORD_HASH_COST: '10',
      OPS_PORT: '0',
      ...options.env,
    };
    const replicaPorts: number[] = [];
    for (let i = 1; i < (options.gatewayReplicas ?? 1); i++) replicaPorts.push(await freePort());
    const fleet = new Fleet(namespace, port, base.toString(), masterKey, env, options.processEnv, replicaPorts);
    try {
      for (const name of FLEET_PROCESSES) fleet.spawn(name);
      replicaPorts.forEach((replicaPort, i) => fleet.spawn('gateway', i + 1, { PORT: String(replicaPort) }));
      for (const [name, count] of Object.entries(options.serviceReplicas ?? {}) as [ServiceProcess, number][]) {
        for (let i = 1; i < count; i++) fleet.spawn(name, i);
      }
      await fleet.waitHealthy();
      for (const key of fleet.children.keys()) if (key.includes('#') && !key.startsWith('gateway')) await fleet.waitReady(key as FleetMember);
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  private spawn(name: FleetProcess, replica = 0, extraEnv: Record<string, string> = {}): void {
    const root = repoRoot();
    const key = replica ? `${name}#${replica}` : name;
    this.spawnedAt.set(key, this.output.length);
    const child = spawn(process.execPath, [path.join(root, ENTRY[name])], {
      cwd: root,
      env: { ...process.env, ...this.env, ...this.processEnv?.[name], ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A chunk may end mid-line: keep the tail until its newline arrives, so a secret split
    // across two chunks is still one line for the log checks.
    const collector = () => {
      let partial = '';
      const push = (line: string) => void (line.trim() && this.output.push({ process: key, line }));
      return {
        data: (chunk: string) => {
          const lines = (partial + chunk).split('\n');
          partial = lines.pop() ?? '';
          lines.forEach(push);
        },
        end: () => push(partial),
      };
    };
    for (const stream of [child.stdout, child.stderr]) {
      const { data, end } = collector();
      stream?.setEncoding('utf8');
      stream?.on('data', data);
      stream?.on('end', end);
    }
    this.children.set(key, child);
  }

  /** Every response any client of this fleet received, for "no secret in any response" checks. */
  responses(): readonly ApiExchange[] {
    return this.journal;
  }

  /** Every line any process of this fleet printed (all replicas), for "no secret in any log line" checks. */
  logs(process?: FleetProcess): string[] {
    return this.output.filter((o) => !process || o.process === process || o.process.startsWith(`${process}#`)).map((o) => o.line);
  }

  private tail(): string {
    return this.output
      .slice(-40)
      .map((o) => `[${o.process}] ${o.line}`)
      .join('\n');
  }

  // Bounds on waiting, not expectations of speed: a fleet booting on a machine shared with other
  // fleets (load 20 on 2 cores) has taken well over a minute, and must not fail for it.
  async waitHealthy(timeoutMs = 240_000): Promise<void> {
    const outcome = await waitFor(
      'every process of the fleet to report healthy',
      async () => {
        const crash = this.crashed();
        if (crash) return crash;
        const response = await this.api.get('/health');
        if (response.status !== 200) return undefined;
        for (const replica of this.replicas.slice(1)) if ((await replica.get('/healthz')).status !== 200) return undefined;
        return true;
      },
      timeoutMs,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${this.tail()}`);
    });
    if (outcome !== true) throw new Error(`${outcome}:\n${this.tail()}`);
  }

  /** Which process has exited, if one has: a crash ends a wait at once rather than at its deadline. */
  private crashed(): string | undefined {
    for (const [name, child] of this.children) if (child.exitCode !== null) return `${name} exited with ${child.exitCode}`;
    return undefined;
  }

  /** Asks one service for its health through the gateway, choosing it by Host label. */
  async serviceHealthy(name: Exclude<FleetProcess, 'gateway'>): Promise<boolean> {
    const response = await this.api.get('/health', { headers: { host: `${HOST_LABEL[name]}.localhost:${this.port}` } });
    return response.status === 200;
  }

  /** Waits for a process's "ready" log line of its current life; returns that line's fields. */
  async waitReady(key: FleetMember, timeoutMs = 240_000): Promise<Record<string, unknown>> {
    const name = key.split('#')[0];
    const outcome = await waitFor(`${key} to be ready`, async () => {
      const child = this.children.get(key);
      if (!child || child.exitCode !== null) return `${key} exited with ${child?.exitCode}`;
      const from = this.spawnedAt.get(key) ?? 0;
      for (const o of this.output.slice(from)) {
        if (o.process !== key || !o.line.includes(`${name} ready`)) continue;
        return JSON.parse(o.line) as Record<string, unknown>;
      }
      return undefined;
    }, timeoutMs, 50);
    if (typeof outcome === 'string') throw new Error(`${outcome}:\n${this.tail()}`);
    return outcome;
  }

  /** The private ops port (/metrics, /readyz) of one process. */
  async opsPort(key: FleetMember): Promise<number> {
    return Number((await this.waitReady(key)).opsPort);
  }

  pid(key: FleetMember): number | undefined {
    return this.children.get(key)?.pid;
  }

  /** Sends a signal without waiting (SIGSTOP/SIGCONT to pause and resume, SIGTERM to drain). */
  signal(key: FleetMember, signal: NodeJS.Signals): void {
    this.children.get(key)?.kill(signal);
  }

  /** Resolves when the process has exited, with its exit code or signal. */
  async exited(key: FleetMember): Promise<number | string | null> {
    const child = this.children.get(key);
    if (!child) return null;
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  }

  /** Starts a process again (after kill or exit) and waits for its ready line. */
  async respawn(key: FleetMember): Promise<void> {
    const [name, replica] = key.split('#') as [FleetProcess, string | undefined];
    this.spawn(name, Number(replica ?? 0));
    await this.waitReady(key);
  }

  /** SIGKILL: the process dies mid-whatever, as in a crash. */
  async kill(name: FleetMember, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  async restart(name: FleetProcess): Promise<void> {
    await this.kill(name);
    this.spawn(name);
    const outcome = await waitFor(`${name} to come back`, async () => {
      const crash = this.crashed();
      if (crash) return crash;
      if (name === 'gateway') return (await this.api.get('/healthz').catch(() => null))?.status === 200 ? true : undefined;
      return (await this.serviceHealthy(name).catch(() => false)) ? true : undefined;
    }, 240_000, 100);
    if (outcome !== true) throw new Error(`${outcome}:\n${this.tail()}`);
  }

  exitCode(name: FleetProcess): number | null {
    return this.children.get(name)?.exitCode ?? null;
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.children.entries()].map(async ([, child]) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    this.saveLogs();
    await dropDatabase(this.databaseUrl);
    await deleteNamespaceKeys(this.env.REDIS_URL, this.namespace);
  }

  private saveLogs(): void {
    const dir = path.join(repoRoot(), 'test-artifacts', 'fleet-logs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${this.namespace}.log`), this.output.map((o) => `[${o.process}] ${o.line}`).join('\n'));
  }
}

async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = '/postgres';
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Queues, rate-limit buckets and idempotency records of a finished fleet, so runs do not pile up keys. */
export async function deleteNamespaceKeys(redisUrl: string, namespace: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
