import type { FieldError } from '@wp/contracts';

export interface TierRange {
  tier_name: string;
  min_points: number;
  /** 0 = no upper bound. */
  max_points: number;
}

export interface Programme {
  name: string;
  tiers: TierRange[];
}

/** What a tenant without a programme uses. */
export const DEFAULT_PROGRAMME: Programme = {
  name: 'Default',
  tiers: [
    { tier_name: 'bronze', min_points: 0, max_points: 100 },
    { tier_name: 'silver', min_points: 101, max_points: 200 },
    { tier_name: 'gold', min_points: 201, max_points: 0 },
  ],
};

/**
 * A programme must give every balance exactly one tier: ranges start at 0, do not overlap
 * and leave no gap; only the highest may be unbounded. A bounded highest tier is valid and
 * keeps balances above its bound. One error per offending field, named by
 * its position in the request.
 */
export function validateTiers(tiers: readonly TierRange[]): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Map<string, number>();
  tiers.forEach((tier, i) => {
    const key = tier.tier_name.trim().toLowerCase();
    const first = names.get(key);
    if (first !== undefined) errors.push({ field: `tiers.${i}.tier_name`, message: `repeats the name of tiers.${first}` });
    else names.set(key, i);
    if (tier.max_points !== 0 && tier.max_points < tier.min_points) {
      errors.push({ field: `tiers.${i}.max_points`, message: 'must be 0 (no upper bound) or at least min_points' });
    }
  });

  const order = tiers.map((tier, index) => ({ tier, index })).sort((a, b) => a.tier.min_points - b.tier.min_points);
  const lowest = order[0];
  if (lowest && lowest.tier.min_points !== 0) {
    errors.push({ field: `tiers.${lowest.index}.min_points`, message: 'the lowest tier must start at 0' });
  }
  for (let k = 1; k < order.length; k += 1) {
    const below = order[k - 1];
    const above = order[k];
    const range = `${below.tier.tier_name} (${below.tier.min_points}-${below.tier.max_points === 0 ? 'unbounded' : below.tier.max_points})`;
    if (below.tier.max_points === 0) {
      errors.push({ field: `tiers.${below.index}.max_points`, message: `only the highest tier may be unbounded (0); this one overlaps ${above.tier.tier_name}` });
    } else if (above.tier.min_points <= below.tier.max_points) {
      errors.push({ field: `tiers.${above.index}.min_points`, message: `overlaps ${range}` });
    } else if (above.tier.min_points > below.tier.max_points + 1) {
      errors.push({ field: `tiers.${above.index}.min_points`, message: `leaves a gap after ${range}; must be ${below.tier.max_points + 1}` });
    }
  }

  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}

/** The tier of a balance under a valid programme (contiguous from 0, so there is always one). */
export function tierFor(tiers: readonly TierRange[], points: number): string {
  let best: TierRange | undefined;
  for (const tier of tiers) {
    if (tier.min_points <= points && (!best || tier.min_points > best.min_points)) best = tier;
  }
  if (!best) throw new Error(`no tier covers ${points} points: the programme was not validated`);
  return best.tier_name;
}
