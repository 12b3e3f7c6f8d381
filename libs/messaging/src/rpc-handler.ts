import { ArgumentsHost, CallHandler, Catch, ExecutionContext, Injectable, Logger, NestInterceptor, RpcExceptionFilter } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, Message, Pattern, WireError } from '@wp/contracts';
import { requestContext } from '@wp/observability';
import { Observable, throwError } from 'rxjs';

/** A message handler bound to a pattern of the wire contract (typos do not compile). */
export function Rpc(pattern: Pattern): MethodDecorator {
  return MessagePattern(pattern);
}

/**
 * Runs each handler inside the caller's request context, so the service's log lines carry
 * the gateway's request id.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const message = context.switchToRpc().getData<Message<unknown>>();
    const requestId = message?.ctx?.requestId ?? 'internal';
    const tenantId = message?.ctx?.tenantId;
    return new Observable((subscriber) =>
      requestContext.run({ requestId, tenantId }, () => next.handle().subscribe(subscriber)),
    );
  }
}

/**
 * Turns what a handler throws into a wire error. Domain errors pass through with their
 * code; anything else is a bug: logged with its cause here, and only "internal" leaves the
 * process (no stack, SQL or path ever reaches a caller).
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<WireError> {
    if (exception instanceof DomainError) return throwError(() => exception.toWire());
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return throwError(() => ({ code: 'internal', message: 'Internal server error' }) satisfies WireError);
  }
}
