// Checks the console makes before a request, in the same words the API would use, so a
// user sees the problem beside the field at once. The API stays the judge: its errors[]
// are shown the same way.

export const E164 = /^\+[1-9]\d{7,14}$/;
const HEX = /^#[0-9A-Fa-f]{6}$/;
const RGB = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/;

/** `#RRGGBB` or `rgb(r,g,b)` as the contract accepts them; undefined when valid. */
export function colourError(value: string): string | undefined {
  if (HEX.test(value)) return undefined;
  const rgb = RGB.exec(value);
  if (rgb && rgb.slice(1).every((n) => Number(n) <= 255)) return undefined;
  return 'must be #RRGGBB or rgb(r,g,b)';
}

export function phoneError(value: string): string | undefined {
  return E164.test(value) ? undefined : 'must be in E.164 form, e.g. +447700900123';
}

export function emailError(value: string): string | undefined {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : 'must be an e-mail address';
}

export function httpsUrlError(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : 'must be an http(s) URL';
  } catch {
    return 'must be an http(s) URL';
  }
}

export interface TierInput {
  tier_name: string;
  min_points: number;
  max_points: number;
}

/**
 * The contract's rules for a membership programme: names present and distinct, ranges
 * starting at 0 and not overlapping, `max_points: 0` meaning no upper bound (last tier
 * only). Keys are the API's field paths, `tiers.<i>.<field>`.
 */
export function tierErrors(tiers: TierInput[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (tiers.length === 0) errors['tiers'] = 'add at least one tier';
  const names = new Set<string>();
  tiers.forEach((tier, i) => {
    const name = tier.tier_name.trim();
    if (!name) errors[`tiers.${i}.tier_name`] = 'must not be empty';
    else if (names.has(name.toLowerCase())) errors[`tiers.${i}.tier_name`] = 'is used by another tier';
    names.add(name.toLowerCase());
    if (!Number.isInteger(tier.min_points) || tier.min_points < 0) errors[`tiers.${i}.min_points`] = 'must be a non-negative integer';
    if (!Number.isInteger(tier.max_points) || tier.max_points < 0) errors[`tiers.${i}.max_points`] = 'must be a non-negative integer';
    else if (tier.max_points !== 0 && tier.max_points < tier.min_points) errors[`tiers.${i}.max_points`] = 'must be at least the minimum (0 means no upper bound)';
  });
  const sorted = tiers.map((t, i) => ({ ...t, i })).sort((a, b) => a.min_points - b.min_points);
  if (sorted.length && sorted[0].min_points !== 0 && !errors[`tiers.${sorted[0].i}.min_points`]) errors[`tiers.${sorted[0].i}.min_points`] = 'the lowest tier must start at 0';
  for (let k = 1; k < sorted.length; k++) {
    const previous = sorted[k - 1];
    if (previous.max_points === 0 || sorted[k].min_points <= previous.max_points) {
      errors[`tiers.${sorted[k].i}.min_points`] ??= `overlaps ${previous.tier_name || 'the tier before'}`;
    }
  }
  return errors;
}

/** A points adjustment: a whole non-negative number, a reference of at most 64 characters. */
export function pointsErrors(input: { points: number; transaction_reference?: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Number.isInteger(input.points) || input.points < 0) errors['points'] = 'must be a non-negative integer';
  if (input.transaction_reference && input.transaction_reference.length > 64) errors['transaction_reference'] = 'must be at most 64 characters';
  return errors;
}
