import { Logger } from '@nestjs/common';
import { ClientProxy, ReadPacket, WritePacket } from '@nestjs/microservices';
import { Message, WireError, serviceOfPattern } from '@wp/contracts';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ReplyEnvelope, RequestEnvelope, unavailable } from './bus/bus-envelope';
import { FATE_GRACE_MS, STREAM_MAX_LEN, fateKey, replicaSet, replyList, requestStream } from './bus/bus-keys';
import { BusRedis, withBusScripts } from './bus/bus-scripts';
import { BusSeal } from './bus/bus-seal';
import { RedisClock } from './bus/redis-clock';

export interface StreamsClientOptions {
  namespace: string;
  redisUrl: string;
  seal: BusSeal;
  /** A service whose replicas all stopped heartbeating this long ago has none alive. */
  livenessMs: number;
  /**
   * After the deadline, when the call turns out to have committed already, how much longer
   * to wait for its answer (the replica is finishing, or another one reruns it).
   */
  commitGraceMs: number;
}

/** What RpcClient hands to `send`: the message and how long the caller will wait. */
export interface BusCall {
  message: Message<unknown>;
  timeoutMs: number;
}

/**
 * The calling side of the bus, as a Nest ClientProxy: a request is XADDed to the service's
 * stream in the same script that checks a replica of it is alive (none: 503 at once), and
 * the answer comes back on this process's own reply list. When the deadline passes, the
 * caller settles the call's fate in one script: either it cancels the call (no replica will
 * start or commit it, so the 503 it answers changed nothing), or the call has committed
 * and it waits a little longer for the answer.
 */
export class RedisStreamsClient extends ClientProxy {
  readonly clientId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly logger = new Logger('RedisStreamsClient');
  private readonly clock = new RedisClock();
  private readonly replies: string;
  private readonly waiting = new Map<string, (reply: ReplyEnvelope) => void>();
  private writer?: BusRedis;
  private reader?: Redis;
  private connecting?: Promise<void>;
  private closed = false;

  constructor(private readonly options: StreamsClientOptions) {
    super();
    this.replies = replyList(options.namespace, this.clientId);
  }

  connect(): Promise<void> {
    this.connecting ??= this.open();
    return this.connecting;
  }

  private async open(): Promise<void> {
    const redisOptions = { maxRetriesPerRequest: null, lazyConnect: true } as const;
    this.writer = withBusScripts(new Redis(this.options.redisUrl, { ...redisOptions, enableAutoPipelining: true, connectionName: `${this.options.namespace}:bus-client` }));
    this.reader = new Redis(this.options.redisUrl, { ...redisOptions, connectionName: `${this.options.namespace}:bus-client-replies` });
    this.writer.on('error', (error: Error) => this.logger.warn(`bus connection: ${error.message}`));
    this.reader.on('error', (error: Error) => this.logger.warn(`bus reply connection: ${error.message}`));
    await Promise.all([this.writer.connect(), this.reader.connect()]);
    const sentAt = Date.now();
    const [seconds, micros] = await this.writer.time();
    this.clock.observe(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000), sentAt);
    void this.replyLoop();
  }

  private async replyLoop(): Promise<void> {
    while (!this.closed) {
      let popped: [Buffer, Buffer[]] | null;
      try {
        popped = (await this.reader!.blmpopBuffer(1, 1, this.replies, 'RIGHT', 'COUNT', 256)) as [Buffer, Buffer[]] | null;
      } catch (error) {
        if (this.closed) return;
        this.logger.warn(`reading answers: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      for (const sealed of popped?.[1] ?? []) {
        const text = this.options.seal.open(sealed, this.replies);
        if (!text) {
          this.logger.warn('dropped an answer that does not open with the fleet bus key');
          continue;
        }
        const reply = JSON.parse(text) as ReplyEnvelope;
        // An answer nobody waits for any more (the caller gave up) is dropped here.
        this.waiting.get(reply.id)?.(reply);
      }
    }
  }

  protected publish(packet: ReadPacket<BusCall>, callback: (packet: WritePacket) => void): () => void {
    const { message, timeoutMs } = packet.data;
    const pattern = packet.pattern as string;
    const id = randomUUID();
    const state: { settled: boolean; timer?: NodeJS.Timeout } = { settled: false };
    const finish = (result: { response?: unknown; err?: WireError }) => {
      if (state.settled) return;
      state.settled = true;
      this.waiting.delete(id);
      clearTimeout(state.timer);
      callback(result.err ? { err: result.err, isDisposed: true } : { response: result.response, isDisposed: true });
    };
    this.waiting.set(id, (reply) => finish(reply.err ? { err: reply.err } : { response: reply.ok }));

    const service = serviceOfPattern(pattern);
    const stream = requestStream(this.options.namespace, service);
    const call: RequestEnvelope = { id, p: pattern, d: message, r: this.clientId, dl: Math.ceil(this.clock.now() + timeoutMs) };
    const sentAt = Date.now();
    this.writer!.busSend(replicaSet(this.options.namespace, service), stream, this.options.livenessMs, STREAM_MAX_LEN, this.options.seal.seal(JSON.stringify(call), stream))
      .then((result) => {
        const [queued, now] = result as [number, number];
        this.clock.observe(Number(now), sentAt);
        if (!queued) finish({ err: unavailable(`No replica of ${service} is running; nothing was changed`, 2) });
      })
      .catch((error: Error) => finish({ err: unavailable(`The message bus is unreachable (${error.message}); nothing was changed`, 2) }));

    state.timer = setTimeout(() => void this.giveUp(id, service, pattern, finish), timeoutMs);
    return () => {
      this.waiting.delete(id);
      clearTimeout(state.timer);
    };
  }

  private async giveUp(id: string, service: string, pattern: string, finish: (result: { err: WireError }) => void): Promise<void> {
    if (!this.waiting.has(id)) return;
    let fate: string;
    try {
      fate = String(await this.writer!.busGiveUp(fateKey(this.options.namespace, id), FATE_GRACE_MS));
    } catch {
      // Redis is unreachable: no replica can claim or commit the call either.
      fate = 'cancelled';
    }
    if (fate === 'cancelled') {
      this.logger.warn(`no answer to ${pattern} from ${service} in time; cancelled, nothing was changed`);
      return finish({ err: unavailable(`${service} did not answer in time; nothing was changed, please retry`, 2) });
    }
    // It committed: the answer is on its way (or a rerun will produce it). Wait for it.
    setTimeout(() => {
      if (!this.waiting.has(id)) return;
      this.logger.error(`${pattern} committed on ${service} but its answer never came`);
      finish({ err: unavailable(`${service} applied the request but its answer was lost; check the result before retrying`, 0) });
    }, this.options.commitGraceMs).unref();
  }

  protected dispatchEvent(): Promise<never> {
    return Promise.reject(new Error('the request bus carries no fire-and-forget events; durable events go through the outbox'));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader?.disconnect();
    await this.writer?.quit().catch(() => this.writer?.disconnect());
  }

  unwrap<T>(): T {
    return this.writer as T;
  }

  override on(): void {
    throw new Error('RedisStreamsClient has no events to listen to');
  }
}
