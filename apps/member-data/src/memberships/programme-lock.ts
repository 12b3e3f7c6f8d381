import type { EntityManager } from 'typeorm';

const key = (tenantId: string) => `member-programme:${tenantId}`;

/**
 * Registration and re-tiering hold this shared for their transaction and a programme
 * replacement holds it exclusively: a member is never registered with the tier of a
 * programme being replaced, unseen by the re-tier job that follows the replacement. Points
 * changes need no part in it: they read the programme after locking the member's row,
 * which the re-tier job locks as well.
 */
export async function lockProgrammeShared(tx: EntityManager, tenantId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [key(tenantId)]);
}

export async function lockProgrammeExclusive(tx: EntityManager, tenantId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key(tenantId)]);
}
