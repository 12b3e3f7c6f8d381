import { DomainError } from '@wp/contracts';
import { EntityManager, IsNull } from 'typeorm';
import { passCodeCondition } from '../passes/pass-code.matcher';
import { Pass } from '../passes/pass.entity';
import { PassStyle } from '../styles/pass-style.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pass a till scanned (spec/API.md §8.7): the code is a serial number, else a barcode
 * message; when several passes show that message (a member's cards all show the member id),
 * the newest active one, else the newest. Another tenant's pass is never found.
 *
 * "Shows that message" is the rule of GET /v1/passes?code= (pass-code.matcher, which renders
 * each style's template in SQL), so a till and the API find the same passes; the stored
 * `barcode_message` also counts, for templates the matcher cannot render (`{balance}`).
 */
export async function findScannedPass(manager: EntityManager, tenantId: string, code: string): Promise<Pass> {
  const repo = manager.getRepository(Pass);
  if (UUID.test(code)) {
    const bySerial = await repo.findOneBy({ tenantId, serialNumber: code.toLowerCase(), deletedAt: IsNull() });
    if (bySerial) return bySerial;
  }
  const styles = await manager.getRepository(PassStyle).find({ select: { id: true, barcode: true }, where: { tenantId } });
  const shows = passCodeCondition(styles, code);
  const found = await repo
    .createQueryBuilder('p')
    .where('p.tenant_id = :tenantId AND p.deleted_at IS NULL', { tenantId })
    .andWhere(`(p.barcode_message = :code OR ${shows.sql})`, { ...shows.params, code })
    .orderBy(`(p.status = 'active')`, 'DESC')
    .addOrderBy('p.created_at', 'DESC')
    .addOrderBy('p.id', 'DESC')
    .getOne();
  if (!found) throw DomainError.notFound('Pass');
  return found;
}
