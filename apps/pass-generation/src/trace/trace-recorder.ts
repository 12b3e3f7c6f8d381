import { requestContext } from '@wp/observability';
import type { EntityManager } from 'typeorm';
import type { TraceKind } from './pass-trace-entry.entity';

export interface TraceInput {
  tenantId: string;
  passId: string;
  kind: TraceKind;
  detail: Record<string, unknown>;
}

export const TRACE_RETENTION_DAYS = 30;

/** Devices appear by the last 6 characters of their library id: enough to tell them apart, not to address one. */
export function deviceLabel(deviceLibraryIdentifier: string): string {
  return deviceLibraryIdentifier.slice(-6);
}

/** The caller's request id, when the step happens inside an HTTP request or RPC. */
export function currentRequestId(): string | undefined {
  const id = requestContext.getStore()?.requestId;
  return id && id !== 'internal' ? id : undefined;
}

/**
 * Appends trace steps with one INSERT, inside the caller's transaction when it has one (a
 * version's trace commits or rolls back with the version).
 */
export async function recordTrace(db: Pick<EntityManager, 'query'>, entries: readonly TraceInput[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO pass.pass_trace (tenant_id, pass_id, kind, detail)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::jsonb[])`,
    [entries.map((e) => e.tenantId), entries.map((e) => e.passId), entries.map((e) => e.kind), entries.map((e) => JSON.stringify(e.detail))],
  );
}
