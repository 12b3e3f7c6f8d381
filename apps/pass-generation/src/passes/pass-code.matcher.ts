import { PASS_PLACEHOLDERS, PassPlaceholder } from '@wp/contracts';
import { BUILT_IN_COUPON_LOOK, BUILT_IN_LOOK } from '../rendering/pass-look';
import type { PassStyle } from '../styles/pass-style.entity';

/** The pass row's column each placeholder renders from (see placeholderValues). */
const COLUMN: Record<PassPlaceholder, string> = {
  member_name: "coalesce(p.member_name, '')",
  member_id: 'p.member_id',
  points: 'p.points::text',
  tier: 'p.tier',
  company_name: 'p.company_name',
  serial_number: 'p.serial_number',
  coupon_title: "coalesce(p.coupon_title, '')",
  // Shown in the tenant's currency, which the pass row does not hold: a code carrying a
  // balance is not matched by message (NULL never equals), the serial still finds the pass.
  balance: 'NULL',
};
const TOKEN = /\{([A-Za-z_]+)\}/g;
const KNOWN = new Set<string>(PASS_PLACEHOLDERS);

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * A condition (over pass alias `p`) true for the passes whose code is `code`: the serial
 * number, or the barcode message the pass shows. The message is not stored; it is each
 * style's template rendered with the pass's own columns, so the condition renders it in SQL
 * (`'WP-' || p.member_id`) for the passes showing that style, and the built-in template of their kind
 * for passes showing none. Exact, and the same text the phone's barcode carries.
 */
export function passCodeCondition(styles: readonly Pick<PassStyle, 'id' | 'barcode'>[], code: string): SqlCondition {
  const params: Record<string, unknown> = { code };
  const byTemplate = new Map<string, string[]>();
  for (const style of styles) byTemplate.set(style.barcode.message, [...(byTemplate.get(style.barcode.message) ?? []), style.id]);
  // Passes showing no style show the built-in look of their kind: the card's, or the coupon's.
  const alternatives = [
    'p.serial_number = :code',
    `(p.rendered_style_id IS NULL AND p.coupon_id IS NULL AND ${renderedSql(BUILT_IN_LOOK.barcode.message, params)} = :code)`,
    `(p.rendered_style_id IS NULL AND p.coupon_id IS NOT NULL AND ${renderedSql(BUILT_IN_COUPON_LOOK.barcode.message, params)} = :code)`,
  ];
  let n = 0;
  for (const [template, ids] of byTemplate) {
    const name = `code_styles_${n++}`;
    params[name] = ids;
    alternatives.push(`(p.rendered_style_id IN (:...${name}) AND ${renderedSql(template, params)} = :code)`);
  }
  return { sql: `(${alternatives.join(' OR ')})`, params };
}

/** The template as a SQL text expression: literals as parameters, placeholders as columns. */
export function renderedSql(template: string, params: Record<string, unknown>): string {
  const parts: string[] = [];
  const literal = (text: string) => {
    if (!text) return;
    const name = `code_lit_${Object.keys(params).length}`;
    params[name] = text;
    parts.push(`CAST(:${name} AS text)`);
  };
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    literal(template.slice(last, match.index));
    if (KNOWN.has(match[1])) parts.push(COLUMN[match[1] as PassPlaceholder]);
    else literal(match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  literal(template.slice(last));
  return parts.length ? `(${parts.join(' || ')})` : "''";
}
