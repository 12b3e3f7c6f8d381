import { DomainError } from '@wp/contracts';
import { EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { callScope } from './call-scope';

/**
 * The second half of "a 503 changed nothing": a handler whose caller has given up (or whose
 * call another replica took over) cannot commit. TypeORM runs this before every COMMIT; for
 * a transaction that belongs to an RPC call it asks the bus (one atomic script) whether the
 * call may still commit, and the refusal makes TypeORM roll the transaction back. Work that
 * is not an RPC call (event consumers, the outbox relay, scheduled jobs) is not affected.
 */
export class CallCommitGuard implements EntitySubscriberInterface {
  async beforeTransactionCommit(_event: TransactionCommitEvent): Promise<void> {
    const scope = callScope.getStore();
    if (scope) await scope.mayCommit();
  }
}

export class CallNotCommittable extends DomainError {
  constructor(reason: string) {
    super('unavailable', `The request was abandoned before it could be applied (${reason}); nothing was changed`, undefined, 1);
  }
}
