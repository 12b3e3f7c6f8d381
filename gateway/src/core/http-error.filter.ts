import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ReplayedResponse, errorBody, mapError } from './error-mapping';
import { LOGGER } from './tokens';

/** The one place where errors become HTTP. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(exception, request, reply, this.logger);
  }
}

export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  if (reply.sent) return;
  if (exception instanceof ReplayedResponse) {
    void reply.header('idempotent-replayed', 'true').status(exception.status).send(exception.body);
    return;
  }
  const mapped = mapError(exception);
  if (mapped.unexpected) {
    logger.error({ request_id: request.id, err: exception }, 'unhandled error');
  }
  if (mapped.retryAfter !== undefined || mapped.status === 429 || mapped.status === 503) {
    void reply.header('retry-after', String(Math.max(1, Math.ceil(mapped.retryAfter ?? 1))));
  }
  void reply.status(mapped.status).header('content-type', 'application/json; charset=utf-8').send(errorBody(mapped, request.id));
}
