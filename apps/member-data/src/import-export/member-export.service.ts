import { Injectable } from '@nestjs/common';
import { DomainError, ExportMembersPage, ExportedMembersPage } from '@wp/contracts';
import { DataSource } from 'typeorm';

/** A page is a few hundred kilobytes on the bus at most. */
export const MAX_EXPORT_PAGE = 2000;

const CURSOR = /^([0-9: .+-]{10,40})\|([0-9a-f-]{36})$/;

/**
 * The tenant's members in registration order, one keyset page at a time (on the index of
 * tenant, created_at, id), so the gateway can stream any number of them in constant memory.
 */
@Injectable()
export class MemberExportService {
  constructor(private readonly db: DataSource) {}

  async page(tenantId: string, { after, limit }: ExportMembersPage): Promise<ExportedMembersPage> {
    const size = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_EXPORT_PAGE);
    const cursor = after ? CURSOR.exec(after) : null;
    if (after && !cursor) throw DomainError.invalid('after', 'is not a cursor of this export');
    const rows = (await this.db.query(
      `SELECT m.member_id, m.member_name, m.member_email, m.phone_number, m.points, m.tier, m.style_group_id,
              (SELECT count(*) FROM jsonb_array_elements(coalesce(m.passes, '[]'::jsonb)) p WHERE p->>'pass_type' = 'apple' AND p->>'status' <> 'voided')::int AS apple_passes,
              (SELECT count(*) FROM jsonb_array_elements(coalesce(m.passes, '[]'::jsonb)) p WHERE p->>'pass_type' = 'google' AND p->>'status' <> 'voided')::int AS google_passes,
              m.created_at::text || '|' || m.id AS position
         FROM member.members m
        WHERE m.tenant_id = $1 AND m.deleted_at IS NULL
          AND ($2::timestamptz IS NULL OR (m.created_at, m.id) > ($2::timestamptz, $3::uuid))
        ORDER BY m.created_at, m.id
        LIMIT $4`,
      [tenantId, cursor?.[1] ?? null, cursor?.[2] ?? null, size],
    )) as Array<ExportedMembersPage['rows'][number] & { position: string }>;
    const last = rows[rows.length - 1];
    return { rows: rows.map(({ position: _position, ...row }) => row), next: rows.length === size && last ? last.position : null };
  }
}
