import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Outbound services whose calls are counted and guarded by a circuit breaker. */
export type Upstream = 'apns' | 'google' | 'twilio' | 'webhook';

/** Counts of one queue's jobs by state, read at scrape time. */
export type QueueDepthSource = () => Promise<Record<string, number>>;
/** Seconds the oldest unpublished outbox row has waited (0 when none), and how many wait. */
export type OutboxLagSource = () => Promise<{ lagSeconds: number; pending: number }>;

/**
 * One registry per process, with Node's default metrics and the fleet's own families
 * (deploy/grafana and deploy/prometheus read these names; rename them together).
 */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const queueSources = new Map<string, QueueDepthSource>();
  const outboxSources = new Map<string, OutboxLagSource>();

  const requests = new Histogram({
    name: 'wp_requests_duration_seconds',
    help: 'Duration of handled requests (HTTP on the gateway, RPC in services)',
    labelNames: ['route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const rpcDuration = new Histogram({
    name: 'wp_rpc_duration_seconds',
    help: 'Bus calls by pattern and outcome (ok or the error code), as seen by the side named in `side`',
    labelNames: ['pattern', 'outcome', 'side'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const jobs = new Counter({
    name: 'wp_jobs_total',
    help: 'Background jobs processed, by queue and outcome',
    labelNames: ['queue', 'outcome'],
    registers,
  });
  const jobDuration = new Histogram({
    name: 'wp_job_duration_seconds',
    help: 'Duration of background jobs, by queue and outcome',
    labelNames: ['queue', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const rpcCalls = new Counter({
    name: 'wp_rpc_calls_total',
    help: 'Bus calls this process started, by pattern (each call runs on exactly one replica)',
    labelNames: ['pattern'],
    registers,
  });
  const upstreamRequests = new Counter({
    name: 'wp_upstream_requests_total',
    help: 'Calls to APNs, Google Wallet, Twilio and webhook endpoints, by upstream and status (HTTP status, or network/timeout/circuit_open)',
    labelNames: ['upstream', 'status'],
    registers,
  });
  const upstreamDuration = new Histogram({
    name: 'wp_upstream_duration_seconds',
    help: 'Duration of calls to APNs, Google Wallet, Twilio and webhook endpoints',
    labelNames: ['upstream'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const pushes = new Counter({
    name: 'wp_pushes_total',
    help: 'Pass update pushes sent to devices, by platform and outcome (rate() gives pushes per second)',
    labelNames: ['platform', 'outcome'],
    registers,
  });
  const signing = new Histogram({
    name: 'wp_pass_signing_duration_seconds',
    help: 'Time to build and sign one .pkpass',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const certificateExpiry = new Gauge({
    name: 'wp_certificate_expiry_timestamp_seconds',
    help: "When a tenant's signing certificate expires (Unix seconds), as last checked (at upload and daily)",
    labelNames: ['tenant_id', 'kind'],
    registers,
  });
  const circuit = new Gauge({
    name: 'wp_circuit_state',
    help: 'Circuit breaker per tenant and upstream: 0 closed, 1 open, 2 half-open',
    labelNames: ['upstream', 'tenant_id'],
    registers,
  });
  new Gauge({
    name: 'wp_queue_depth',
    help: 'Jobs in a BullMQ queue, by state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset();
      for (const [queue, source] of queueSources) {
        const counts = await source().catch(() => undefined);
        for (const [state, n] of Object.entries(counts ?? {})) this.set({ queue, state }, n);
      }
    },
  });
  // Both outbox gauges come from one read per scrape.
  let outboxRead: { at: number; values: Promise<Array<[string, { lagSeconds: number; pending: number }]>> } | undefined;
  const readOutboxes = () => {
    if (!outboxRead || Date.now() - outboxRead.at > 1000) {
      const values = Promise.all(
        [...outboxSources].map(async ([schema, source]) => [schema, await source().catch(() => undefined)] as const),
      ).then((all) => all.filter((entry): entry is [string, { lagSeconds: number; pending: number }] => entry[1] !== undefined));
      outboxRead = { at: Date.now(), values };
    }
    return outboxRead.values;
  };
  new Gauge({
    name: 'wp_outbox_lag_seconds',
    help: 'Age of the oldest event not yet relayed from an outbox (0 when it is empty)',
    labelNames: ['schema'],
    registers,
    async collect() {
      this.reset();
      for (const [schema, lag] of await readOutboxes()) this.set({ schema }, lag.lagSeconds);
    },
  });
  new Gauge({
    name: 'wp_outbox_pending',
    help: 'Events waiting in an outbox to be relayed',
    labelNames: ['schema'],
    registers,
    async collect() {
      this.reset();
      for (const [schema, lag] of await readOutboxes()) this.set({ schema }, lag.pending);
    },
  });

  const metrics = {
    registry,
    requests,
    rpcDuration,
    jobs,
    jobDuration,
    rpcCalls,
    upstreamRequests,
    upstreamDuration,
    pushes,
    signing,
    certificateExpiry,
    circuit,
    /** Reports a queue's depth at every scrape (a second registration of one name replaces the first). */
    watchQueue(queue: string, source: QueueDepthSource): void {
      queueSources.set(queue, source);
    },
    /** Reports an outbox's lag at every scrape. */
    watchOutbox(schema: string, source: OutboxLagSource): void {
      outboxSources.set(schema, source);
    },
  };
  current = metrics;
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

let current: Metrics | undefined;

/**
 * The process's metrics, for libraries deep below the composition root (the bus, queue
 * workers, upstream clients) that record into them without each constructor taking them.
 * Before the process created its metrics (a unit test of a library) it is a detached
 * registry nobody scrapes.
 */
export function processMetrics(): Metrics {
  return current ?? createMetrics('detached');
}
