import path from 'node:path';
import { ConfigError, ConfigOf, Parser, bool, int, oneOf, optionalStr, port, str, url } from './env-spec';
import { decodeMasterKey, loadOrCreateDevMasterKey } from './master-key';

/** Variables every process of the fleet reads. */
export const fleetSpec = {
  NODE_ENV: oneOf(['development', 'production', 'test'] as const, 'development'),
  DATABASE_URL: url('postgres://postgres@localhost:5432/walletpass', ['postgres', 'postgresql']),
  REDIS_URL: url('redis://localhost:6379', ['redis', 'rediss']),
  /** Separates fleets sharing one Redis: transport channels, queues and keys all carry it. */
  WP_NAMESPACE: str('wp'),
  /**
   * Where integrators and phones reach the gateway. Defaults to http://localhost:$PORT, so
   * `PORT=3710` alone also moves short links, the hosted page and OpenAPI `servers`.
   */
  PUBLIC_BASE_URL: ((raw, name, env) => url(`http://localhost:${env.PORT || 3000}`, ['http', 'https'])(raw, name, env)) as Parser<string>,
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  RPC_TIMEOUT_MS: int(8000, { min: 100, max: 120_000 }),
  /** Requests one service process handles at once (the rest wait on its stream). */
  RPC_CONCURRENCY: int(256, { min: 1, max: 10_000 }),
  /** A replica silent this long is dead: callers fail fast, live replicas take over its calls. */
  RPC_LIVENESS_MS: int(1500, { min: 300, max: 60_000 }),
  MASTER_KEY: optionalStr(),
  MASTER_KEY_FILE: str('.local/master.key'),
  /** Private port for /health and /metrics (never the public API port). */
  OPS_PORT: port(0),
  /** 127.0.0.1 on a laptop; 0.0.0.0 in a container so probes can reach it. */
  OPS_HOST: str('127.0.0.1'),
  SHUTDOWN_GRACE_MS: int(10_000, { min: 0, max: 600_000 }),
  /** Consecutive failures (5xx, 429, network) of one upstream (APNs, Google, Twilio, webhooks) for one tenant that open its circuit. */
  UPSTREAM_BREAKER_THRESHOLD: int(5, { min: 1, max: 1000 }),
  /** How long an open circuit holds a tenant's calls back (their jobs wait, not fail) before one test call. */
  UPSTREAM_BREAKER_HALF_OPEN_MS: int(10_000, { min: 100, max: 3_600_000 }),
  WEBHOOK_ALLOW_LOOPBACK: bool(false),
};

export type FleetConfig = Omit<ConfigOf<typeof fleetSpec>, 'MASTER_KEY'> & { masterKey: Buffer; masterKeyId: string };

export function resolveMasterKey(raw: ConfigOf<typeof fleetSpec>): Buffer {
  if (raw.MASTER_KEY) return decodeMasterKey(raw.MASTER_KEY);
  if (raw.NODE_ENV === 'production') throw new ConfigError('MASTER_KEY', 'is required in production');
  return loadOrCreateDevMasterKey(path.resolve(raw.MASTER_KEY_FILE));
}
