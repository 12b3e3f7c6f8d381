import { Logger } from '@nestjs/common';
import { CallContext, DomainError, Pattern, RequestOf, ResponseOf, isWireError } from '@wp/contracts';
import { SpanKind, currentTraceparent, inSpan, processMetrics } from '@wp/observability';
import { firstValueFrom } from 'rxjs';
import { BusSeal } from './bus/bus-seal';
import { callScope } from './call-scope';
import { BusCall, RedisStreamsClient } from './streams.client';

export interface RpcClientOptions {
  namespace: string;
  redisUrl: string;
  timeoutMs: number;
  /** The fleet's master key: the bus key is derived from it (see BusSeal). */
  masterKey: Buffer;
  /** Heartbeat age after which a replica counts as dead. */
  livenessMs: number;
}

/**
 * The one way any process calls a service: typed by the wire contract, always with a
 * deadline. A service that does not answer (down, restarting, overloaded) becomes a
 * DomainError('unavailable'), which the gateway serves as 503 with Retry-After, never a hang.
 * Inside a handler, a nested call gets at most what is left of the outer call's deadline.
 */
export class RpcClient {
  private readonly client: RedisStreamsClient;
  private readonly logger = new Logger(RpcClient.name);

  constructor(private readonly options: RpcClientOptions) {
    this.client = new RedisStreamsClient({
      namespace: options.namespace,
      redisUrl: options.redisUrl,
      seal: BusSeal.derive(options.masterKey, options.namespace),
      livenessMs: options.livenessMs,
      commitGraceMs: Math.min(options.timeoutMs, 10_000),
    });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async send<P extends Pattern>(pattern: P, ctx: CallContext, payload: RequestOf<P>, opts: { timeoutMs?: number } = {}): Promise<ResponseOf<P>> {
    let timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    const outer = callScope.getStore();
    if (outer) timeoutMs = Math.min(timeoutMs, outer.localDeadline - Date.now());
    if (timeoutMs <= 0) throw new DomainError('unavailable', 'The request ran out of time; please retry', undefined, 2);
    // callId names the outer call; the receiving side sets its own. The idempotency key is the
    // outer request's: a nested write keyed on it would take another change's identity.
    const { callId: _outerCall, ...context } = ctx;
    if (outer) delete context.idempotencyKey;
    // The span's parent is the active span, else the trace the caller's context carries (the gateway's request).
    return inSpan(`rpc ${pattern}`, { kind: SpanKind.CLIENT, parent: ctx.traceparent, attributes: { 'rpc.system': 'wp-bus', 'rpc.method': pattern } }, async (span) => {
      const started = performance.now();
      let outcome = 'ok';
      const traceparent = span.isRecording() ? currentTraceparent() : undefined;
      if (traceparent) context.traceparent = traceparent;
      else delete context.traceparent;
      const call: BusCall = { message: { ctx: context, payload }, timeoutMs };
      try {
        return await firstValueFrom(this.client.send<ResponseOf<P>, BusCall>(pattern, call));
      } catch (error) {
        if (error instanceof DomainError) {
          outcome = error.code;
          throw error;
        }
        if (isWireError(error)) {
          outcome = error.code;
          throw DomainError.fromWire(error);
        }
        outcome = 'transport';
        this.logger.error(`transport failure on ${pattern}: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
        throw new DomainError('unavailable', 'A service is unavailable; please retry', undefined, 2);
      } finally {
        processMetrics().rpcDuration.observe({ pattern, outcome, side: 'client' }, (performance.now() - started) / 1000);
      }
    });
  }
}
