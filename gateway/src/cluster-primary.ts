import cluster from 'node:cluster';

/**
 * With GATEWAY_WORKERS > 1 the gateway's first process only supervises: it forks that many
 * workers, which share the public port (the primary hands out connections round-robin), and
 * restarts a worker that dies, with backoff, while the others keep serving. Each worker gets
 * its own ops port (OPS_PORT + index) when OPS_PORT is fixed. SIGTERM/SIGINT are passed on so
 * each worker drains; the primary exits when all have.
 */
export function runClusterPrimary(workers: number): void {
  const opsBase = Number(process.env.OPS_PORT ?? 0);
  const failures = new Map<number, number>();
  let stopping = false;

  const fork = (index: number) => {
    const worker = cluster.fork({ GATEWAY_WORKER_INDEX: String(index), OPS_PORT: String(opsBase ? opsBase + index : 0) });
    const startedAt = Date.now();
    worker.once('exit', (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      const count = Date.now() - startedAt > 60_000 ? 1 : (failures.get(index) ?? 0) + 1;
      failures.set(index, count);
      const wait = Math.min(30_000, 500 * 2 ** (count - 1));
      process.stderr.write(`${JSON.stringify({ level: 'error', service: 'gateway', msg: `gateway worker ${index} exited (${signal ?? code}); restarting in ${wait} ms` })}\n`);
      setTimeout(() => !stopping && fork(index), wait);
    });
  };
  for (let i = 0; i < workers; i++) fork(i);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit(0);
    for (const worker of alive) worker?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
