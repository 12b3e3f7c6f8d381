import { Injectable } from '@nestjs/common';
import { CreateMembershipDto, DomainError, MembershipView } from '@wp/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipProgramme } from './membership-programme.entity';
import { membershipView } from './membership.view';
import { DEFAULT_PROGRAMME, TierRange, validateTiers } from './programme';
import { lockProgrammeExclusive } from './programme-lock';
import { RetierQueue } from './retier.queue';

@Injectable()
export class MembershipsService {
  constructor(
    private readonly db: DataSource,
    private readonly retier: RetierQueue,
  ) {}

  /** The tiers in force for a tenant, read inside the caller's transaction. */
  async tiersFor(tx: EntityManager, tenantId: string): Promise<TierRange[]> {
    const programme = await tx.findOneBy(MembershipProgramme, { tenantId });
    return programme?.tiers ?? DEFAULT_PROGRAMME.tiers;
  }

  async get(tenantId: string): Promise<MembershipView> {
    return membershipView(await this.db.getRepository(MembershipProgramme).findOneBy({ tenantId }));
  }

  /** Creates or replaces the programme; every member is then re-tiered in the background. */
  async replace(tenantId: string, dto: CreateMembershipDto): Promise<MembershipView> {
    const errors = validateTiers(dto.tiers);
    if (errors.length) throw new DomainError('bad_request', 'The membership tiers are not valid', errors);
    const tiers = [...dto.tiers]
      .sort((a, b) => a.min_points - b.min_points)
      .map(({ tier_name, min_points, max_points }) => ({ tier_name: tier_name.trim(), min_points, max_points }));

    const programme = await this.db.transaction(async (tx) => {
      await lockProgrammeExclusive(tx, tenantId);
      const current = await tx.findOneBy(MembershipProgramme, { tenantId });
      const next = current ?? tx.create(MembershipProgramme, { tenantId, version: 0, retieredVersion: 0 });
      next.name = dto.name.trim();
      next.tiers = tiers;
      next.version += 1;
      return tx.save(next);
    });
    // Not awaited, and durable without it: the queue's sweeper finds every re-tier still owed.
    this.retier.schedule(tenantId, programme.version);
    return membershipView(programme);
  }
}
