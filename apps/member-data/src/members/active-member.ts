import { DomainError } from '@wp/contracts';
import type { EntityManager } from 'typeorm';
import { Member } from './member.entity';

/**
 * The tenant's live member with this id, or a 404 (also for another tenant's id and for a
 * deleted member). With `lock`, the row stays locked until the transaction ends: every
 * change of one member is serialized on it.
 */
export async function activeMember(manager: EntityManager, tenantId: string, memberId: string, opts: { lock?: boolean } = {}): Promise<Member> {
  const qb = manager
    .getRepository(Member)
    .createQueryBuilder('m')
    .where('m.tenant_id = :tenantId AND m.member_id = :memberId AND m.deleted_at IS NULL', { tenantId, memberId });
  if (opts.lock) qb.setLock('pessimistic_write');
  const member = await qb.getOne();
  if (!member) throw DomainError.notFound('Member');
  return member;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
