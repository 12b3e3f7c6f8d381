import { DomainError } from '@wp/contracts';
import { exhaustedFailure, operationFailure } from './batch-failures';

describe('batch operation failures', () => {
  it("records the operation's own errors, with the fields they name", () => {
    expect(operationFailure(DomainError.notFound('Member'))).toEqual({ code: 'not_found', message: 'Member not found' });
    expect(operationFailure(new DomainError('conflict', 'The pass is voided; a voided pass cannot change'))).toEqual({
      code: 'conflict',
      message: 'The pass is voided; a voided pass cannot change',
    });
    expect(operationFailure(DomainError.invalid('status', 'send status, expiration_date or both'))).toEqual({
      code: 'bad_request',
      message: 'Validation failed: status send status, expiration_date or both',
    });
  });

  it('leaves platform errors to a retry of the chunk', () => {
    expect(operationFailure(new DomainError('unavailable', 'A service did not answer in time; please retry'))).toBeNull();
    expect(operationFailure(new DomainError('internal', 'Internal server error'))).toBeNull();
    expect(operationFailure(new Error('Connection terminated unexpectedly'))).toBeNull();
  });

  it('once retries are spent, reports a platform error without its internals', () => {
    expect(exhaustedFailure(new Error('password authentication failed for user "postgres"'))).toEqual({ code: 'internal', message: 'Internal error' });
    expect(exhaustedFailure(new DomainError('unavailable', 'A service did not answer in time; please retry'))).toEqual({
      code: 'unavailable',
      message: 'A service did not answer in time; please retry',
    });
  });
});
