import { Injectable } from '@nestjs/common';
import { MAX_MEMBERS_PER_EMAIL, MemberContact, MemberView } from '@wp/contracts';
import { DataSource } from 'typeorm';
import { Member } from '../members/member.entity';
import { memberView } from '../members/member.view';

/**
 * Finds a tenant's live member by e-mail or phone number, so that an enrollment form
 * signing up someone the tenant already knows (by a form or through the API) reuses the
 * member. E-mail matches case-insensitively, as mail systems treat addresses in practice.
 * Both lookups use the partial indexes of migration 1796510000001.
 */
@Injectable()
export class MemberContactsService {
  constructor(private readonly db: DataSource) {}

  async find(tenantId: string, contact: MemberContact): Promise<MemberView | null> {
    const repository = this.db.getRepository(Member);
    if (contact.member_email) {
      const byEmail = await repository
        .createQueryBuilder('m')
        .where('m.tenant_id = :tenantId AND m.deleted_at IS NULL AND m.member_email IS NOT NULL AND lower(m.member_email) = lower(:email)', { tenantId, email: contact.member_email })
        .orderBy('m.created_at', 'ASC')
        .getOne();
      if (byEmail) return memberView(byEmail);
    }
    if (contact.phone_number) {
      const byPhone = await repository
        .createQueryBuilder('m')
        .where('m.tenant_id = :tenantId AND m.deleted_at IS NULL AND m.phone_number = :phone', { tenantId, phone: contact.phone_number })
        .orderBy('m.created_at', 'ASC')
        .getOne();
      if (byPhone) return memberView(byPhone);
    }
    return null;
  }

  /** Every live member of the tenant with this e-mail, oldest first (the e-mail index serves it). */
  async idsByEmail(tenantId: string, email: string): Promise<{ member_uuids: string[] }> {
    const rows = (await this.db.query(
      `SELECT id FROM member.members WHERE tenant_id = $1 AND deleted_at IS NULL AND member_email IS NOT NULL AND lower(member_email) = lower($2)
       ORDER BY created_at LIMIT $3`,
      [tenantId, email, MAX_MEMBERS_PER_EMAIL],
    )) as Array<{ id: string }>;
    return { member_uuids: rows.map((row) => row.id) };
  }
}
