import { Logger } from '@nestjs/common';
import { CallContext, DomainError, Message, Pattern, RequestOf, ResponseOf, isWireError } from '@wp/contracts';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { NamespacedRedisClient } from './namespaced-redis.transport';

export interface RpcClientOptions {
  namespace: string;
  redisUrl: string;
  timeoutMs: number;
}

/**
 * The one way any process calls a service: typed by the wire contract, always with a
 * deadline. A service that does not answer (down, restarting, overloaded) becomes a
 * DomainError('unavailable'), which the gateway serves as 503 with Retry-After, never a hang.
 */
export class RpcClient {
  private readonly client: NamespacedRedisClient;
  private readonly logger = new Logger(RpcClient.name);

  constructor(private readonly options: RpcClientOptions) {
    this.client = new NamespacedRedisClient(options.namespace, options.redisUrl);
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async send<P extends Pattern>(
    pattern: P,
    ctx: CallContext,
    payload: RequestOf<P>,
    opts: { timeoutMs?: number } = {},
  ): Promise<ResponseOf<P>> {
    const message: Message<RequestOf<P>> = { ctx, payload };
    const deadline = opts.timeoutMs ?? this.options.timeoutMs;
    try {
      return await firstValueFrom(this.client.send<ResponseOf<P>, Message<RequestOf<P>>>(pattern, message).pipe(timeout(deadline)));
    } catch (error) {
      throw toDomainError(error, pattern, deadline, this.logger);
    }
  }
}

function toDomainError(error: unknown, pattern: string, deadline: number, logger: Logger): DomainError {
  if (error instanceof DomainError) return error;
  if (isWireError(error)) return DomainError.fromWire(error);
  if (error instanceof TimeoutError) {
    logger.warn(`no answer to ${pattern} within ${deadline} ms`);
    return new DomainError('unavailable', 'A service did not answer in time; please retry', undefined, 2);
  }
  logger.error(`transport failure on ${pattern}: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  return new DomainError('unavailable', 'A service is unavailable; please retry', undefined, 2);
}
