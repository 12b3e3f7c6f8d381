import { DomainError, ErrorCode } from '@wp/contracts';
import type { OperationFailure } from './batch.store';

/**
 * Outcomes that belong to the operation itself (no such member, another tenant's pass, a
 * voided pass, Google not configured): running it again would fail the same way, so it is
 * recorded as failed and the batch goes on. Anything else (a service not answering, a lost
 * database connection) is the platform's, and the chunk is retried instead.
 */
const OPERATION_FAILURES: ReadonlySet<ErrorCode> = new Set(['bad_request', 'forbidden', 'not_found', 'conflict', 'unprocessable', 'payload_too_large']);

export function operationFailure(error: unknown): OperationFailure | null {
  if (!(error instanceof DomainError) || !OPERATION_FAILURES.has(error.code)) return null;
  return describe(error);
}

/** When retries are spent: the platform's error, as the operation's outcome (no internals). */
export function exhaustedFailure(error: unknown): OperationFailure {
  if (error instanceof DomainError && error.code !== 'internal') return describe(error);
  return { code: 'internal', message: 'Internal error' };
}

function describe(error: DomainError): OperationFailure {
  const fields = error.errors?.map((e) => `${e.field} ${e.message}`).join('; ');
  return { code: error.code, message: fields ? `${error.message}: ${fields}` : error.message };
}
