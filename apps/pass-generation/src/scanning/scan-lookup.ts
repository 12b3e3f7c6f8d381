import { DomainError } from '@wp/contracts';
import { EntityManager, IsNull } from 'typeorm';
import { Pass } from '../passes/pass.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pass a till scanned (spec/API.md §8.7): the code is a serial number, else a barcode
 * message; when several passes show that message (a member's cards all show the member id),
 * the newest active one, else the newest. Another tenant's pass is never found.
 */
export async function findScannedPass(manager: EntityManager, tenantId: string, code: string): Promise<Pass> {
  const repo = manager.getRepository(Pass);
  if (UUID.test(code)) {
    const bySerial = await repo.findOneBy({ tenantId, serialNumber: code.toLowerCase(), deletedAt: IsNull() });
    if (bySerial) return bySerial;
  }
  const byMessage = await repo
    .createQueryBuilder('p')
    .where('p.tenant_id = :tenantId AND p.barcode_message = :code AND p.deleted_at IS NULL', { tenantId, code })
    .orderBy(`(p.status = 'active')`, 'DESC')
    .addOrderBy('p.created_at', 'DESC')
    .addOrderBy('p.id', 'DESC')
    .getOne();
  if (!byMessage) throw DomainError.notFound('Pass');
  return byMessage;
}
