import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { BaseRpcContext } from '@nestjs/microservices/ctx-host/base-rpc.context';
import { DomainError, Message, WireError, isWireError } from '@wp/contracts';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SpanKind, inSpan, processMetrics } from '@wp/observability';
import { defaultIfEmpty, lastValueFrom } from 'rxjs';
import { ReplyEnvelope, RequestEnvelope, unavailable } from './bus/bus-envelope';
import { CONSUMER_GROUP, FATE_GRACE_MS, fateKey, replicaSet, replyList, requestStream } from './bus/bus-keys';
import { BusRedis, withBusScripts } from './bus/bus-scripts';
import { BusSeal } from './bus/bus-seal';
import { HeartbeatThread } from './bus/heartbeat-thread';
import { RedisClock } from './bus/redis-clock';
import { CallNotCommittable } from './call-commit.guard';
import { CallScope, callScope } from './call-scope';

export interface StreamsServerOptions {
  namespace: string;
  /** The service whose stream this process reads. */
  service: string;
  redisUrl: string;
  seal: BusSeal;
  /** Calls handled at once by this process. */
  concurrency: number;
  /** A replica whose heartbeat is older than this is dead: its calls are taken over. */
  livenessMs: number;
  /** Patterns a replica may rerun after the one that committed them died (see contracts). */
  rerunSafe: ReadonlySet<string>;
  /** Called once per call this process executes (metrics, tests counting per replica). */
  onCall?: (pattern: string) => void;
}

/** How long an answer waits in a reply list whose caller has gone. */
const REPLY_TTL_MS = 60_000;
const RECLAIM_BATCH = 100;

/**
 * The service side of the bus: every replica of a service reads the service's Redis stream
 * through one consumer group, so each request goes to exactly one replica (XREADGROUP), and
 * its answer goes to the asking process's own reply list.
 *
 * Why nothing accepted is lost or done twice (docs/bus.md has the long version):
 * - a request stays in the group's pending list until its answer is written (XACK after the
 *   reply); a replica that dies holding requests stops heartbeating, and a live replica
 *   claims them (XPENDING + XCLAIM) and handles them;
 * - before a replica starts a call it claims the call's fate key in one script: a call whose
 *   caller gave up (`cancelled`) or whose deadline passed is never started, and a call taken
 *   over from a dead replica cannot be committed by that replica if it was only paused;
 * - before every database COMMIT inside a call, the commit guard asks the fate key again: the
 *   commit happens only if this replica still holds the call and the caller still waits.
 *   So a caller that gave up (its `cancelled` won the race) can answer 503 knowing nothing
 *   was changed, and a commit that won makes the caller wait for the answer instead.
 */
export class RedisStreamsServer extends Server implements CustomTransportStrategy {
  /** Unique per process, so a restarted replica never inherits a dead one's identity. */
  readonly consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  protected override readonly logger = new Logger('RedisStreamsServer');
  private readonly stream: string;
  private readonly replicas: string;
  private readonly clock = new RedisClock();
  private reader?: Redis;
  private writer?: BusRedis;
  /** Binary replies (XCLAIM) need a connection without auto-pipelining: ioredis mangles callBuffer there. */
  private claimer?: Redis;
  private readonly inFlight = new Set<Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  private beats?: HeartbeatThread;
  private stopping = false;
  private loop?: Promise<void>;

  constructor(private readonly options: StreamsServerOptions) {
    super();
    this.stream = requestStream(options.namespace, options.service);
    this.replicas = replicaSet(options.namespace, options.service);
  }

  /** False from the moment the process starts draining: readiness reports it first. */
  get accepting(): boolean {
    return !this.stopping && this.loop !== undefined;
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  private async start(): Promise<void> {
    const redisOptions = { maxRetriesPerRequest: null, lazyConnect: true } as const;
    this.writer = withBusScripts(new Redis(this.options.redisUrl, { ...redisOptions, enableAutoPipelining: true, connectionName: `${this.options.namespace}:bus:${this.options.service}` }));
    this.reader = new Redis(this.options.redisUrl, { ...redisOptions, connectionName: `${this.options.namespace}:bus-reader:${this.options.service}` });
    this.claimer = new Redis(this.options.redisUrl, { ...redisOptions, connectionName: `${this.options.namespace}:bus-claimer:${this.options.service}` });
    this.claimer.on('error', (error: Error) => this.logger.warn(`bus claimer connection: ${error.message}`));
    this.writer.on('error', (error: Error) => this.logger.warn(`bus connection: ${error.message}`));
    this.reader.on('error', (error: Error) => this.logger.warn(`bus reader connection: ${error.message}`));
    await Promise.all([this.writer.connect(), this.reader.connect(), this.claimer.connect()]);
    await this.ensureGroup();
    await this.heartbeat();
    // Two beats: this loop's, from the first moment (a thread takes a while to boot on a loaded
    // machine), and the thread's, which keeps coming while this loop is saturated by calls.
    const beat = Math.max(100, Math.floor(this.options.livenessMs / 3));
    this.timers.push(setInterval(() => void this.heartbeat().catch((e: Error) => this.logger.warn(`heartbeat: ${e.message}`)), beat));
    this.beats = new HeartbeatThread({
      redisUrl: this.options.redisUrl,
      connectionName: `${this.options.namespace}:bus-heartbeat:${this.options.service}`,
      replicas: this.replicas,
      consumer: this.consumer,
      intervalMs: beat,
      onBeat: (now, sentAt, receivedAt) => this.clock.observe(now, sentAt, receivedAt),
      onError: (message) => this.logger.warn(`heartbeat: ${message}`),
    });
    this.beats.start();
    this.timers.push(setInterval(() => void this.reclaim().catch((e: Error) => this.logger.warn(`reclaim: ${e.message}`)), this.options.livenessMs));
    this.loop = this.readLoop();
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.writer!.xgroup('CREATE', this.stream, CONSUMER_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  private async heartbeat(): Promise<void> {
    const sentAt = Date.now();
    const now = Number(await this.writer!.busHeartbeat(this.replicas, this.consumer, 3_600_000));
    this.clock.observe(now, sentAt);
  }

  private async readLoop(): Promise<void> {
    while (!this.stopping) {
      const free = this.options.concurrency - this.inFlight.size;
      if (free <= 0) {
        await Promise.race(this.inFlight);
        continue;
      }
      let batches: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        batches = (await this.reader!.callBuffer('XREADGROUP', 'GROUP', CONSUMER_GROUP, this.consumer, 'COUNT', free, 'BLOCK', 1000, 'STREAMS', this.stream, '>')) as typeof batches;
      } catch (error) {
        if (this.stopping) return;
        // Redis restarted empty: the group is gone with the stream. Recreate and go on.
        if (String((error as Error).message).includes('NOGROUP')) await this.ensureGroup().catch(() => undefined);
        else this.logger.warn(`reading requests: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      for (const [, entries] of batches ?? []) for (const [id, fields] of entries) this.track(this.process(id.toString(), fields));
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: Error) => this.logger.error(`bus call failed: ${error.stack ?? error.message}`)).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async process(entryId: string, fields: Buffer[] | null): Promise<void> {
    const sealed = fields?.[1];
    const text = sealed ? this.options.seal.open(sealed, this.stream) : undefined;
    if (!text) {
      // Not sealed by this fleet for this stream: forged, corrupted or copied. Never executed.
      this.logger.warn(`dropped bus entry ${entryId}: it does not open with the fleet's bus key`);
      return this.done(entryId);
    }
    const call = JSON.parse(text) as RequestEnvelope;
    const handler = this.getHandlerByPattern(call.p);
    if (!handler) return this.answer(entryId, call, { id: call.id, err: { code: 'internal', message: `No handler for ${call.p}` } });

    const fate = fateKey(this.options.namespace, call.id);
    const rerunSafe = this.options.rerunSafe.has(call.p) ? '1' : '0';
    const claim = String(await this.writer!.busClaim(fate, this.replicas, this.consumer, call.dl, FATE_GRACE_MS, this.options.livenessMs, rerunSafe));
    if (claim === 'late' || claim === 'cancelled' || claim === 'busy') return this.done(entryId);
    if (claim === 'committed') {
      const err = unavailable('The replica handling this request stopped right after applying it; check the result before retrying', 1);
      return this.answer(entryId, call, { id: call.id, err });
    }

    this.options.onCall?.(call.p);
    const scope: CallScope = {
      callId: call.id,
      pattern: call.p,
      localDeadline: this.clock.toLocal(call.dl),
      mayCommit: async () => {
        const verdict = String(await this.writer!.busCommit(fate, this.consumer, call.dl));
        if (verdict !== 'ok') throw new CallNotCommittable(verdict === 'late' ? 'its deadline passed' : 'the caller gave up');
      },
    };
    const message: Message<unknown> = { ...call.d, ctx: { ...call.d.ctx, callId: call.id } };
    const started = performance.now();
    const reply = await inSpan(`rpc ${call.p}`, { kind: SpanKind.SERVER, parent: call.d.ctx?.traceparent, attributes: { 'rpc.system': 'wp-bus', 'rpc.method': call.p } }, async (span) => {
      const answer = await callScope.run(scope, () => this.invoke(handler, call.p, message));
      if (answer.err) span.setAttribute('wp.error_code', answer.err.code);
      return answer;
    });
    processMetrics().rpcDuration.observe({ pattern: call.p, outcome: reply.err?.code ?? 'ok', side: 'server' }, (performance.now() - started) / 1000);
    await this.answer(entryId, call, { id: call.id, ...reply });
  }

  private async invoke(handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>, pattern: string, message: Message<unknown>): Promise<Omit<ReplyEnvelope, 'id'>> {
    try {
      const result$ = this.transformToObservable(await handler(message, new BaseRpcContext([pattern])));
      // A handler that returns nothing answers null, so the caller's observable still emits once.
      return { ok: (await lastValueFrom(result$.pipe(defaultIfEmpty(null)))) ?? null };
    } catch (error) {
      if (isWireError(error)) return { err: error as WireError };
      if (error instanceof DomainError) return { err: error.toWire() };
      this.logger.error(`handler for ${pattern} threw outside the error filter: ${(error as Error).stack ?? String(error)}`);
      return { err: { code: 'internal', message: 'Internal server error' } };
    }
  }

  /** Answer first, then acknowledge: a crash in between leaves the call pending, never lost. */
  private async answer(entryId: string, call: RequestEnvelope, reply: ReplyEnvelope): Promise<void> {
    const key = replyList(this.options.namespace, call.r);
    await this.writer!.multi()
      .lpush(key, this.options.seal.seal(JSON.stringify(reply), key))
      .pexpire(key, REPLY_TTL_MS)
      .xack(this.stream, CONSUMER_GROUP, entryId)
      .xdel(this.stream, entryId)
      .exec();
  }

  private async done(entryId: string): Promise<void> {
    await this.writer!.multi().xack(this.stream, CONSUMER_GROUP, entryId).xdel(this.stream, entryId).exec();
  }

  /**
   * Takes over what dead replicas held. Several live replicas may run this at once: XCLAIM's
   * minimum idle time lets only one of them take an entry, and the fate script settles the
   * rest (a paused replica that wakes up finds its call taken and cannot commit it).
   */
  private async reclaim(): Promise<void> {
    if (this.stopping) return;
    const dead = await this.writer!.zrangebyscore(this.replicas, '-inf', this.clock.now() - this.options.livenessMs);
    for (const consumer of dead) {
      if (consumer === this.consumer) continue;
      const pending = (await this.writer!.xpending(this.stream, CONSUMER_GROUP, '-', '+', RECLAIM_BATCH, consumer)) as [string, string, number, number][];
      if (pending.length > 0) {
        const ids = pending.map(([id]) => id);
        const claimed = (await this.claimer!.callBuffer('XCLAIM', this.stream, CONSUMER_GROUP, this.consumer, this.options.livenessMs, ...ids)) as [Buffer, Buffer[] | null][];
        const found = new Set(claimed.map(([id]) => id.toString()));
        this.logger.warn(`took over ${claimed.length} call(s) from dead replica ${consumer}`);
        for (const [id, fields] of claimed) this.track(this.process(id.toString(), fields));
        // Entries trimmed or deleted meanwhile come back without fields: only acknowledge them.
        for (const id of ids) if (!found.has(id)) await this.done(id).catch(() => undefined);
      }
      if (pending.length < RECLAIM_BATCH) {
        await this.writer!.xgroup('DELCONSUMER', this.stream, CONSUMER_GROUP, consumer).catch(() => undefined);
        await this.writer!.zrem(this.replicas, consumer);
      }
    }
  }

  /** Drain: stop reading, finish and answer what was taken, leave the group, disconnect. */
  async close(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    this.reader?.disconnect();
    this.claimer?.disconnect();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    // Beats go on while the calls it holds finish, so no live replica takes them over meanwhile.
    await this.beats?.stop();
    if (!this.writer) return;
    try {
      await this.writer.zrem(this.replicas, this.consumer);
      // DELCONSUMER drops a consumer's pending entries, so only a consumer holding none leaves.
      if (!(await this.holdsPending())) await this.writer.xgroup('DELCONSUMER', this.stream, CONSUMER_GROUP, this.consumer);
      await this.writer.quit();
    } catch (error) {
      this.logger.warn(`leaving the bus: ${(error as Error).message}`);
      this.writer.disconnect();
    }
  }

  private async holdsPending(): Promise<boolean> {
    const mine = (await this.writer!.xpending(this.stream, CONSUMER_GROUP, '-', '+', 1, this.consumer)) as unknown[];
    return mine.length > 0;
  }

  on(): void {
    throw new Error('RedisStreamsServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.writer as T;
  }
}
