/** Who is calling, as resolved by the gateway from the credential on the request. */
export type Actor =
  | { kind: 'admin'; adminId: string }
  | { kind: 'bearer'; tokenId: string }
  | { kind: 'tenant'; tenantId: string; keyId: string }
  | { kind: 'device'; tenantId: string; serialNumber: string }
  /** A till's scanner token (sc_…): only the scan routes take it. */
  | { kind: 'scanner'; tenantId: string; scannerId: string }
  | { kind: 'anonymous' }
  | { kind: 'system'; service: string };

/** Travels with every message so logs carry one request id across processes. */
export interface CallContext {
  requestId: string;
  actor: Actor;
  /** Set whenever the call acts inside one tenant: every query is scoped by it. */
  tenantId?: string;
  /** Client address, for per-address limits (login, demo). */
  ip?: string;
  /**
   * Set by the bus on the receiving side: the id of this call, unique per request and the
   * same if the call is rerun after its replica died, so handlers can key idempotent
   * changes on it. Callers never set it.
   */
  callId?: string;
  /**
   * W3C trace context (`traceparent`) of the span that made this call, so the receiving
   * service's spans join the caller's trace. Set by the bus client; absent when tracing is off.
   */
  traceparent?: string;
  /**
   * Set by the gateway when the request carries an `Idempotency-Key`: a hash of the key and
   * its scope (tenant or caller). A write that may be retried after a crash lost its answer
   * keys its change on it, so the retry finds the first result. Only the call the gateway
   * makes carries it; nested calls do not.
   */
  idempotencyKey?: string;
}

/** Every request/response message: the context plus the typed payload. */
export interface Message<P> {
  ctx: CallContext;
  payload: P;
}

export function requireTenant(ctx: CallContext): string {
  if (!ctx.tenantId) throw new Error('tenant-scoped call without a tenant id');
  return ctx.tenantId;
}
