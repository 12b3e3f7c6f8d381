import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The RPC call a piece of code runs for, if any: set by the bus server around each handler,
 * read by the commit guard (may this transaction still commit?) and by the RPC client (a
 * nested call inherits what is left of the caller's deadline).
 */
export interface CallScope {
  callId: string;
  pattern: string;
  /** Epoch ms on the machine's clock after which the caller no longer waits. */
  localDeadline: number;
  /** Asks the bus whether this call may commit now; throws when it may not. */
  mayCommit(): Promise<void>;
}

export const callScope = new AsyncLocalStorage<CallScope>();
