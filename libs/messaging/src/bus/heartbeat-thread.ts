import { Worker } from 'node:worker_threads';
import { busScript } from './bus-scripts';

export interface HeartbeatThreadOptions {
  redisUrl: string;
  connectionName: string;
  /** The service's replica set (a sorted set of consumer → last beat, in Redis time). */
  replicas: string;
  consumer: string;
  intervalMs: number;
  /** Each beat's Redis TIME with the local send and receive times (for the Redis clock). */
  onBeat: (redisNow: number, sentAt: number, receivedAt: number) => void;
  onError: (message: string) => void;
}

// The thread's whole program. Its own event loop and connection: a replica whose main loop is
// saturated by a burst of calls still beats on time, so callers never take a busy replica for
// a dead one (a fast 503, or its calls taken over). A paused (SIGSTOP) or killed process stops
// every thread, so real deaths are still seen; a main loop stuck forever keeps beating, and
// its callers then wait for their deadline instead of failing fast.
const PROGRAM = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Redis = require(w.ioredisPath);
const redis = new Redis(w.redisUrl, { maxRetriesPerRequest: null, connectionName: w.connectionName });
redis.defineCommand('beat', { numberOfKeys: 1, lua: w.lua });
redis.on('error', (error) => parentPort.postMessage({ error: error.message }));
const beat = () => {
  const sentAt = Date.now();
  redis.beat(w.replicas, w.consumer, w.ttlMs).then(
    (now) => parentPort.postMessage({ now: Number(now), sentAt, receivedAt: Date.now() }),
    (error) => parentPort.postMessage({ error: error.message }),
  );
};
setInterval(beat, w.intervalMs);
`;

/** Keeps this replica's heartbeat in the replica set from a worker thread. */
export class HeartbeatThread {
  private worker?: Worker;
  private stopped = false;

  constructor(private readonly options: HeartbeatThreadOptions) {}

  start(): void {
    const { redisUrl, connectionName, replicas, consumer, intervalMs } = this.options;
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { redisUrl, connectionName, replicas, consumer, intervalMs, ttlMs: 3_600_000, lua: busScript('busHeartbeat'), ioredisPath: require.resolve('ioredis') },
    });
    worker.unref();
    worker.on('message', (message: { now?: number; sentAt?: number; receivedAt?: number; error?: string }) => {
      if (message.error) this.options.onError(message.error);
      else this.options.onBeat(message.now as number, message.sentAt as number, message.receivedAt as number);
    });
    worker.on('error', (error) => this.options.onError(`heartbeat thread: ${error.message}`));
    worker.on('exit', () => {
      // A thread that died (out of memory, a bug) is replaced: without beats this replica
      // would soon be taken for dead.
      if (!this.stopped) setTimeout(() => !this.stopped && this.start(), 100).unref();
    });
    this.worker = worker;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
  }
}
