import { Inject, Injectable } from '@nestjs/common';
import { DomainEvent } from '@wp/contracts';
import { appendEvents, createEvent } from '@wp/events';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, LessThan } from 'typeorm';
import { Member } from '../members/member.entity';
import type { MemberDataConfig } from '../tokens';
import { MembershipProgramme } from './membership-programme.entity';
import { DEFAULT_PROGRAMME, tierFor } from './programme';
import { lockProgrammeShared } from './programme-lock';

export interface RetierPage {
  /** The last member id of the page; null when the tenant has no more members. */
  next: string | null;
  moved: number;
}

/** Re-tiers a tenant's members after a programme change, one page per transaction. */
@Injectable()
export class RetierService {
  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: MemberDataConfig,
  ) {}

  /**
   * Moves the members after `after` (by id) whose tier differs under the programme in force
   * now, and records `member.tier_changed` for each. Safe to repeat: a member already in its
   * tier is left alone.
   */
  async retierPage(tenantId: string, after: string | null): Promise<RetierPage> {
    return this.db.transaction(async (tx) => {
      await lockProgrammeShared(tx, tenantId);
      const programme = await tx.findOneBy(MembershipProgramme, { tenantId });
      const tiers = programme?.tiers ?? DEFAULT_PROGRAMME.tiers;
      const qb = tx
        .getRepository(Member)
        .createQueryBuilder('m')
        .where('m.tenant_id = :tenantId AND m.deleted_at IS NULL', { tenantId })
        .orderBy('m.id', 'ASC')
        .limit(this.config.RETIER_PAGE_SIZE)
        .setLock('pessimistic_write');
      if (after) qb.andWhere('m.id > :after', { after });
      const members = await qb.getMany();

      const moved = members.map((member) => ({ member, tier: tierFor(tiers, member.points) })).filter(({ member, tier }) => tier !== member.tier);
      if (moved.length) {
        const table = tx.connection.getMetadata(Member).tablePath.split('.').map((part) => tx.connection.driver.escape(part)).join('.');
        await tx.query(
          `UPDATE ${table} AS m SET tier = v.tier, version = m.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::varchar[]) AS v(id, tier) WHERE m.id = v.id`,
          [moved.map(({ member }) => member.id), moved.map(({ tier }) => tier)],
        );
      }
      const events: DomainEvent[] = moved.map(({ member, tier }) =>
        createEvent('member.tier_changed', tenantId, {
          member_id: member.memberId,
          member_uuid: member.id,
          version: member.version + 1,
          tier,
          previous_tier: member.tier,
          points: member.points,
          reason: 'programme',
        }),
      );
      await appendEvents(tx, events);
      const last = members[members.length - 1];
      return { next: members.length === this.config.RETIER_PAGE_SIZE && last ? last.id : null, moved: events.length };
    });
  }

  async markDone(tenantId: string, version: number): Promise<void> {
    await this.db
      .getRepository(MembershipProgramme)
      .update({ tenantId, retieredVersion: LessThan(version) }, { retieredVersion: version });
  }

  /** Programmes replaced without a finished re-tier (the process stopped, Redis was away). */
  async owed(): Promise<Array<{ tenantId: string; version: number }>> {
    const rows = await this.db
      .getRepository(MembershipProgramme)
      .createQueryBuilder('p')
      .select(['p.tenantId', 'p.version'])
      .where('p.retiered_version < p.version')
      .limit(1000)
      .getMany();
    return rows.map(({ tenantId, version }) => ({ tenantId, version }));
  }
}
