import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContextStore {
  requestId: string;
  tenantId?: string;
}

/** Carries the request id through async work so every log line of a request names it. */
export const requestContext = new AsyncLocalStorage<RequestContextStore>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
