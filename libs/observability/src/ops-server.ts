import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export type HealthCheck = () => Promise<void>;

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** Runs every check with a deadline; a hung dependency reports down instead of hanging the probe. */
export async function runChecks(checks: Record<string, HealthCheck>, timeoutMs = 2000): Promise<Record<string, 'up' | 'down'>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
          }),
        ]);
        return [name, 'up'] as const;
      } catch {
        return [name, 'down'] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The private health and metrics port of a process. It is not the public API: Kubernetes
 * probes and Prometheus scrape it, the gateway's public port never exposes /metrics.
 */
export async function startOpsServer(opts: {
  port: number;
  host?: string;
  service: string;
  registry: Registry;
  checks: Record<string, HealthCheck>;
}): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': opts.registry.contentType });
        res.end(await opts.registry.metrics());
        return;
      }
      if (req.url === '/healthz') {
        // Liveness: the event loop answers. Dependencies are readiness's business: a restart
        // cannot fix a Postgres outage, so it must not make Kubernetes restart the pod.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', service: opts.service }));
        return;
      }
      if (req.url === '/health' || req.url === '/readyz') {
        const checks = await runChecks(opts.checks);
        const ok = Object.values(checks).every((c) => c === 'up');
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'success' : 'error', service: opts.service, checks, timestamp: new Date().toISOString() }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', message: 'Not found' }));
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
