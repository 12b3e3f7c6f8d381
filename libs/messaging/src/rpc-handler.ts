import { ArgumentsHost, CallHandler, Catch, ExecutionContext, Injectable, Logger, NestInterceptor, RpcExceptionFilter } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { MessagePattern } from '@nestjs/microservices';
import { DomainError, Message, Pattern, WireError } from '@wp/contracts';
import { requestContext } from '@wp/observability';
import { Observable, tap, throwError } from 'rxjs';

/** A message handler bound to a pattern of the wire contract (typos do not compile). */
export function Rpc(pattern: Pattern): MethodDecorator {
  return MessagePattern(pattern);
}

/**
 * Runs each handler inside the caller's request context, so the service's log lines carry
 * the gateway's request id, and logs one line per handled message (pattern, outcome, time)
 * so a request can be followed from the gateway into every service it touched.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Rpc');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const message = context.switchToRpc().getData<Message<unknown>>();
    const requestId = message?.ctx?.requestId ?? 'internal';
    const tenantId = message?.ctx?.tenantId;
    const pattern = String((Reflect.getMetadata(PATTERN_METADATA, context.getHandler()) as unknown[] | undefined)?.[0] ?? context.getHandler().name);
    const started = performance.now();
    const done = (outcome: string) => this.logger.log(`${pattern} ${outcome} in ${Math.round(performance.now() - started)} ms`);
    return new Observable((subscriber) =>
      requestContext.run({ requestId, tenantId }, () =>
        next
          .handle()
          .pipe(
            tap({
              complete: () => done('ok'),
              error: (error: unknown) => done(error instanceof DomainError ? error.code : 'failed'),
            }),
          )
          .subscribe(subscriber),
      ),
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
