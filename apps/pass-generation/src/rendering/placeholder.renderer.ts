import { PASS_PLACEHOLDERS, PassPlaceholder } from '@wp/contracts';

export type PlaceholderValues = Record<PassPlaceholder, string>;

const TOKEN = /\{([A-Za-z_]+)\}/g;
const KNOWN = new Set<string>(PASS_PLACEHOLDERS);

/** The placeholder names a template uses (known or not), in order of first use. */
export function placeholdersIn(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(TOKEN)) names.add(match[1]);
  return [...names];
}

/** Placeholders the API does not know: a typo such as `{point}` is refused, not printed. */
export function unknownPlaceholders(template: string): string[] {
  return placeholdersIn(template).filter((name) => !KNOWN.has(name));
}

/** Replaces each known `{name}`; anything else in braces is left as written. */
export function renderPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(TOKEN, (whole, name: string) => (KNOWN.has(name) ? values[name as PassPlaceholder] : whole));
}

export function usesPlaceholder(template: string, name: PassPlaceholder): boolean {
  return placeholdersIn(template).includes(name);
}
