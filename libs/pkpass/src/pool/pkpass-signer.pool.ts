import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CreatePkpassOptions, PassFiles, createPkpass } from '../bundle/pkpass.builder';
import type { PassSigner } from '../cms/signer-material';
import { PkpassBundleError, PkpassSigningError } from '../pkpass.errors';
import type { SignRequest, SignResponse, WorkerReady } from './pool-messages';

export interface PkpassSignerPoolOptions {
  /** Worker threads; 0 signs inline on the calling thread. Default: cores − 1 (at least 1). */
  size?: number;
  /** Requests queued inside one worker at a time, so it never idles waiting for the next message. */
  maxInFlightPerWorker?: number;
}

export type PkpassSignerPoolMode = 'workers' | 'inline';

interface Task {
  request: SignRequest;
  attempts: number;
  resolve: (pkpass: Buffer) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Map<number, Task>;
  ready: boolean;
}

/** How a worker is started from wherever this module runs (compiled JS or TypeScript source). */
type WorkerLaunch = { script: string; eval: false } | { script: string; eval: true; workerData: { entry: string; swc: string } };

const MAX_STARTUP_FAILURES = 3;
const MAX_ATTEMPTS = 2;
const ERRORS: Record<string, new (message: string) => Error> = {
  PkpassBundleError,
  PkpassSigningError,
};

/**
 * Signs passes on worker threads so a burst (a batch of 10,000, a points campaign) never
 * holds the event loop: a sign costs ~0.3 ms of CPU, all of it on a worker.
 *
 * Why not sign inline when idle: the saving (one message hop, tens of µs) is small next to
 * the predictability of "RSA never runs on the event loop". Inline signing is kept for two
 * cases only: `size: 0`, and a process that cannot start workers (the worker entry is
 * missing, or it keeps dying on start-up) — then signing still works, just on this thread.
 *
 * Worker entry: the fleet runs SWC-compiled JS from dist/, where `pkpass-signer.worker.js`
 * sits beside this file. Run from TypeScript sources (Jest via @swc/jest, scripts), the
 * worker is started from a small eval'd bootstrap that compiles the worker's `.ts` modules
 * with @swc/core, the same compiler as the build, so both paths run the same code.
 *
 * Why not piscina: `npm run bench -- pkpass` runs this pool and piscina (one thread each, the
 * same signing, 8 requests in flight) in alternating one-second slices; on the 2-core CI
 * machine this pool's medians were 1,037 and 762 passes/s against piscina's 560 and 660
 * (two runs). Piscina also has no inline fallback and no run-from-TypeScript path.
 */
export class PkpassSignerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Task[] = [];
  private readonly launch: WorkerLaunch | undefined;
  private readonly size: number;
  private readonly maxInFlight: number;
  private nextId = 1;
  private startupFailures = 0;
  private closed = false;
  private inlineFallback = false;
  private drained: (() => void) | undefined;

  constructor(opts: PkpassSignerPoolOptions = {}) {
    this.size = opts.size ?? Math.max(1, availableParallelism() - 1);
    this.maxInFlight = Math.max(1, opts.maxInFlightPerWorker ?? 2);
    this.launch = this.size > 0 ? workerLaunch() : undefined;
    if (this.launch) for (let i = 0; i < this.size; i++) this.spawn();
  }

  get mode(): PkpassSignerPoolMode {
    return this.launch && !this.inlineFallback ? 'workers' : 'inline';
  }

  sign(files: PassFiles, signer: PassSigner, options: CreatePkpassOptions = {}): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('PkpassSignerPool is closed'));
    if (this.mode === 'inline') return signInline(files, signer, options);
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, files, signer, options }, attempts: 0, resolve, reject });
      this.pump();
    });
  }

  /** Finishes every accepted request, then stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pending() > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await Promise.all(this.workers.splice(0).map(({ worker }) => worker.terminate()));
  }

  private pending(): number {
    return this.queue.length + this.workers.reduce((sum, w) => sum + w.inFlight.size, 0);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let target: PoolWorker | undefined;
      for (const candidate of this.workers) {
        if (candidate.inFlight.size < this.maxInFlight && (!target || candidate.inFlight.size < target.inFlight.size)) {
          target = candidate;
        }
      }
      if (!target) break;
      const task = this.queue.shift() as Task;
      task.attempts += 1;
      target.inFlight.set(task.request.id, task);
      // Referenced only while busy: an idle pool never keeps the process alive.
      target.worker.ref();
      target.worker.postMessage(task.request);
    }
    if (this.drained && this.pending() === 0) {
      this.drained();
      this.drained = undefined;
    }
  }

  private spawn(): void {
    const launch = this.launch as WorkerLaunch;
    const worker = launch.eval
      ? new Worker(launch.script, { eval: true, workerData: launch.workerData })
      : new Worker(launch.script);
    worker.unref();
    const entry: PoolWorker = { worker, inFlight: new Map(), ready: false };
    this.workers.push(entry);
    worker.on('message', (message: SignResponse | WorkerReady) => this.onMessage(entry, message));
    worker.on('error', (error) => this.onExit(entry, error));
    worker.on('exit', (code) => this.onExit(entry, new Error(`pkpass signer worker exited with code ${code}`)));
  }

  private onMessage(entry: PoolWorker, message: SignResponse | WorkerReady): void {
    if ('ready' in message) {
      entry.ready = true;
      this.startupFailures = 0;
      return;
    }
    const task = entry.inFlight.get(message.id);
    if (!task) return;
    entry.inFlight.delete(message.id);
    if (entry.inFlight.size === 0) entry.worker.unref();
    if ('error' in message) {
      const ErrorClass = ERRORS[message.error.name] ?? Error;
      task.reject(new ErrorClass(message.error.message));
    } else {
      const { pkpass } = message;
      task.resolve(Buffer.from(pkpass.buffer, pkpass.byteOffset, pkpass.byteLength));
    }
    this.pump();
  }

  private onExit(entry: PoolWorker, cause: Error): void {
    const index = this.workers.indexOf(entry);
    if (index < 0) return;
    this.workers.splice(index, 1);
    // Requests it held are retried once elsewhere (signing is idempotent); a request that
    // takes down a second worker fails instead of crashing the pool forever.
    for (const task of entry.inFlight.values()) {
      if (task.attempts < MAX_ATTEMPTS) this.queue.unshift(task);
      else task.reject(new Error(`pkpass signer worker died while signing: ${cause.message}`));
    }
    entry.inFlight.clear();
    if (!entry.ready) this.startupFailures += 1;
    if (this.startupFailures >= MAX_STARTUP_FAILURES) {
      this.fallBackToInline(cause);
      return;
    }
    if (!this.closed || this.queue.length > 0) this.spawn();
    this.pump();
  }

  private fallBackToInline(cause: Error): void {
    this.inlineFallback = true;
    process.emitWarning(`PkpassSignerPool: workers cannot start (${cause.message}); signing inline`);
    for (const { worker } of this.workers.splice(0)) void worker.terminate();
    for (const task of this.queue.splice(0)) {
      const { files, signer, options } = task.request;
      signInline(files, signer, options).then(task.resolve, task.reject);
    }
    this.pump();
  }
}

function signInline(files: PassFiles, signer: PassSigner, options: CreatePkpassOptions): Promise<Buffer> {
  try {
    return Promise.resolve(createPkpass(files, signer, options));
  } catch (error) {
    return Promise.reject(error);
  }
}

function workerLaunch(): WorkerLaunch | undefined {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `pkpass-signer.worker${extension}`);
  if (!existsSync(entry)) return undefined;
  if (extension !== '.ts') return { script: entry, eval: false };
  let swc: string;
  try {
    swc = createRequire(__filename).resolve('@swc/core');
  } catch {
    return undefined;
  }
  return { script: TYPESCRIPT_BOOTSTRAP, eval: true, workerData: { entry, swc } };
}

// Runs in the worker: teach require() to load .ts through @swc/core, then load the entry.
const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const swc = require(workerData.swc);
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;
