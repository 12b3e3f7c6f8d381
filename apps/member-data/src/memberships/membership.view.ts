import type { MembershipView } from '@wp/contracts';
import type { MembershipProgramme } from './membership-programme.entity';
import { DEFAULT_PROGRAMME } from './programme';

export function membershipView(programme: MembershipProgramme | null): MembershipView {
  if (!programme) return { name: DEFAULT_PROGRAMME.name, tiers: DEFAULT_PROGRAMME.tiers.map((t) => ({ ...t })), is_default: true, created_at: null, updated_at: null };
  return {
    name: programme.name,
    tiers: programme.tiers.map(({ tier_name, min_points, max_points }) => ({ tier_name, min_points, max_points })),
    is_default: false,
    created_at: programme.createdAt.toISOString(),
    updated_at: programme.updatedAt.toISOString(),
  };
}
