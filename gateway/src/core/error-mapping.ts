import { HttpException } from '@nestjs/common';
import { DomainError, ERROR_STATUS, FieldError } from '@wp/contracts';

export interface MappedError {
  status: number;
  message: string;
  errors?: FieldError[];
  retryAfter?: number;
  /** Only 5xx that are our fault are logged with their cause. */
  unexpected?: boolean;
}

/** A response recorded earlier under an Idempotency-Key, served again as it was. */
export class ReplayedResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('replayed response');
  }
}

const FASTIFY_CODES: Record<string, MappedError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: 'Unsupported content type; send application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: 'Content-Length does not match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'Request body is empty but Content-Type is application/json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'Malformed JSON body' },
};

const HTTP_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Request body is too large',
  415: 'Unsupported content type',
};

export function mapError(exception: unknown): MappedError {
  if (exception instanceof DomainError) {
    return { status: ERROR_STATUS[exception.code], message: exception.message, errors: exception.errors, retryAfter: exception.retryAfter, unexpected: exception.code === 'internal' };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      status === 404 ? 'Not found' : typeof response === 'string' ? response : (HTTP_MESSAGES[status] ?? exception.message);
    return { status, message };
  }
  const fastify = exception as { code?: string; statusCode?: number; message?: string };
  if (fastify?.code && FASTIFY_CODES[fastify.code]) return FASTIFY_CODES[fastify.code];
  if (exception instanceof SyntaxError || fastify?.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, message: 'Malformed JSON body' };
  }
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return { status: fastify.statusCode, message: HTTP_MESSAGES[fastify.statusCode] ?? 'Bad request' };
  }
  return { status: 500, message: 'Internal server error', unexpected: true };
}

export function errorBody(mapped: MappedError, requestId: string) {
  return {
    status: 'error' as const,
    message: mapped.message,
    ...(mapped.errors?.length ? { errors: mapped.errors } : {}),
    timestamp: new Date().toISOString(),
    request_id: requestId,
  };
}
