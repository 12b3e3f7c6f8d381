import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process, with Node's default metrics and the fleet's request metrics. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'wp_requests_duration_seconds',
    help: 'Duration of handled requests (HTTP on the gateway, RPC in services)',
    labelNames: ['route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'wp_jobs_total',
    help: 'Background jobs processed, by queue and outcome',
    labelNames: ['queue', 'outcome'],
    registers: [registry],
  });
  const rpcCalls = new Counter({
    name: 'wp_rpc_calls_total',
    help: 'Bus calls this process started, by pattern (each call runs on exactly one replica)',
    labelNames: ['pattern'],
    registers: [registry],
  });
  return { registry, requests, jobs, rpcCalls };
}

export type Metrics = ReturnType<typeof createMetrics>;
