import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { BATCH_CHUNK_QUEUE, BatchChunkJob } from '@wp/contracts';
import { ManagedWorker, bullConnection, queuePrefix } from '@wp/events';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { Job, JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { PassGenerationConfig } from '../tokens';
import { chunkCount, chunkJobId } from './batch-chunks';
import { BatchChunkRunner } from './batch-chunk.runner';
import type { Batch } from './batch.entity';
import { BatchStore } from './batch.store';

/** Chunk jobs one process works at once (each runs OPERATIONS_IN_FLIGHT operations in parallel). */
const CHUNKS_IN_FLIGHT = 2;

/**
 * A worker renews its lock every LOCK_MS / 2 while it lives. After a kill the lock lapses
 * within LOCK_MS, and the next stalled-job check (every STALLED_CHECK_MS, on any live worker)
 * returns the chunk to the queue: a restarted process resumes it within about 20 s, instead of
 * BullMQ's default 30 s lock plus 30 s check. A live worker mistaken for a stalled one costs
 * only duplicate work that rolls back (see BatchStore.markSucceeded).
 */
const LOCK_MS = 15_000;
const STALLED_CHECK_MS = 5_000;

/** Catches what the queue alone cannot: a crash between the batch's commit and its enqueue, a wiped Redis, a job given up on. */
const SWEEP_INTERVAL_MS = 30_000;

/** An import still receiving after this long lost its upload (its gateway died); no client holds its id. */
const ABANDONED_IMPORT_MS = 6 * 3600_000;

const CHUNK_JOB_OPTIONS: JobsOptions = {
  // Retries are for platform errors only (operation errors are recorded, not thrown): 12
  // attempts back off from 1 s to about 17 min, some 34 min in all; the last records them.
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  // Gone once done, so the sweeper can add a chunk again if one was ever given up on.
  removeOnComplete: true,
  removeOnFail: true,
};

/**
 * The chunk queue of batches, its worker, and a sweeper that re-adds the chunks of unfinished
 * batches. BullMQ delivers a job at least once; BatchStore makes each operation's effect
 * happen exactly once however often its chunk runs.
 */
@Injectable()
export class BatchChunkQueue implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private queueConnection?: Redis;
  private queue?: Queue<BatchChunkJob>;
  private worker?: ManagedWorker<BatchChunkJob>;
  private sweepTimer?: NodeJS.Timeout;
  private readonly logger: Logger;

  constructor(
    private readonly store: BatchStore,
    private readonly runner: BatchChunkRunner,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'batch' });
  }

  onModuleInit(): void {
    this.queueConnection = bullConnection({ redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE }, 'pass-generation-batch-queue');
    this.queue = new Queue<BatchChunkJob>(BATCH_CHUNK_QUEUE, { connection: this.queueConnection, prefix: queuePrefix(this.config.WP_NAMESPACE) });
    this.queue.on('error', (err) => this.logger.warn({ err: err.message }, 'batch queue error'));
  }

  onApplicationBootstrap(): void {
    const home = { redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE, logger: this.logger };
    this.worker = new ManagedWorker<BatchChunkJob>(home, BATCH_CHUNK_QUEUE, 'pass-generation-batch-worker', (job) => this.process(job), {
      concurrency: CHUNKS_IN_FLIGHT,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      // Each restart mid-chunk counts one stall; BullMQ's default (1) would fail the job on the second.
      maxStalledCount: 10,
    });
    this.worker.worker.on('failed', (job, err) =>
      this.logger.warn({ batch_id: job?.data.batchId, chunk: job?.data.chunk, attempt: job?.attemptsMade, err: err.message }, 'batch chunk failed; it will be retried'),
    );
    void this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  /** Lets running chunks finish their operations (each commits on its own, so a cut is also safe). */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.worker?.close();
    await this.queue?.close();
    await this.queueConnection?.quit().catch(() => undefined);
  }

  /** One job per chunk of the batch. */
  async enqueue(batch: Batch): Promise<void> {
    const chunks = Array.from({ length: chunkCount(batch.total, batch.chunkSize) }, (_, chunk) => ({ tenantId: batch.tenantId, batchId: batch.id, chunk }));
    await this.add(chunks);
  }

  private async add(chunks: BatchChunkJob[]): Promise<void> {
    if (!this.queue) throw new Error('batch queue used before module init');
    await this.queue.addBulk(chunks.map((data) => ({ name: 'chunk', data, opts: { ...CHUNK_JOB_OPTIONS, jobId: chunkJobId(data.batchId, data.chunk) } })));
  }

  private async sweep(): Promise<void> {
    try {
      const { chunks, unfinished } = await this.store.owedChunks();
      if (chunks.length) await this.add(chunks);
      // Every operation done but the batch not marked: the last chunk died between the two.
      const owing = new Set(chunks.map((c) => c.batchId));
      for (const batchId of unfinished) if (!owing.has(batchId)) await this.store.completeIfDone(batchId);
      const abandoned = await this.store.discardAbandonedImports(ABANDONED_IMPORT_MS);
      if (abandoned) this.logger.info({ imports: abandoned }, 'abandoned import uploads discarded');
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'batch sweep failed');
    }
  }

  private async process(job: Job<BatchChunkJob>): Promise<void> {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const started = performance.now();
    const outcome = await this.runner.run(job.data, { final });
    this.logger.debug({ batch_id: job.data.batchId, chunk: job.data.chunk, ...outcome, ms: Math.round(performance.now() - started) }, 'batch chunk done');
  }
}
