import type { FieldError } from '@wp/contracts';

export interface StyleRule {
  pass_style_id: string;
  min_points: number;
  /** Inclusive; 0 means no upper bound. */
  max_points: number;
}

const upper = (rule: StyleRule) => (rule.max_points === 0 ? Number.POSITIVE_INFINITY : rule.max_points);

/**
 * Problems with a rule list, one per offending rule: an upper bound below the lower one, or a
 * range that shares points with an earlier rule (ranges are inclusive, so 0–100 and 100–200
 * overlap at 100). Gaps are allowed: points in a gap fall back to the pass's own style.
 */
export function ruleProblems(rules: readonly StyleRule[]): FieldError[] {
  const problems: FieldError[] = [];
  rules.forEach((rule, index) => {
    if (rule.max_points !== 0 && rule.max_points < rule.min_points) {
      problems.push({ field: `rules[${index}].max_points`, message: 'must be at least min_points, or 0 for no upper bound' });
      return;
    }
    const clash = rules.findIndex(
      (other, otherIndex) =>
        otherIndex < index && !(other.max_points !== 0 && other.max_points < other.min_points) && rule.min_points <= upper(other) && other.min_points <= upper(rule),
    );
    if (clash >= 0) {
      problems.push({ field: `rules[${index}]`, message: `overlaps rules[${clash}] (${describe(rules[clash])}); ranges must not share any points` });
    }
  });
  return problems;
}

/** The style of the rule whose range holds `points`, if any. */
export function styleForPoints(rules: readonly StyleRule[], points: number): string | null {
  return rules.find((rule) => points >= rule.min_points && points <= upper(rule))?.pass_style_id ?? null;
}

function describe(rule: StyleRule): string {
  return rule.max_points === 0 ? `${rule.min_points} and up` : `${rule.min_points}–${rule.max_points}`;
}
