/**
 * Domain errors travel from services to the gateway as plain objects over the Redis
 * transport; the gateway's one exception filter turns the code into the HTTP status and
 * envelope `{ status: 'error', message, errors?, timestamp, request_id }`. Services never pick HTTP statuses themselves.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

/** The shape of an error on the wire (what RpcException carries). */
export interface WireError {
  code: ErrorCode;
  message: string;
  errors?: FieldError[];
  /** Seconds, for 429 and 503. */
  retryAfter?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toWire(): WireError {
    return {
      code: this.code,
      message: this.message,
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }

  static fromWire(wire: WireError): DomainError {
    return new DomainError(wire.code, wire.message, wire.errors, wire.retryAfter);
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} not found`);
  }

  static invalid(field: string, message: string): DomainError {
    return new DomainError('bad_request', 'Validation failed', [{ field, message }]);
  }
}

export function isWireError(value: unknown): value is WireError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WireError).code === 'string' &&
    (value as WireError).code in ERROR_STATUS &&
    typeof (value as WireError).message === 'string'
  );
}
