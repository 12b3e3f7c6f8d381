import type { FieldError } from '@wp/contracts';
import { MAX_JSON_DEPTH } from './body-parsing/json-depth';

const NUL = '\u0000';
export const NUL_MESSAGE = 'must not contain NUL (\\u0000) characters';

/**
 * The fields of a body, query or path value whose strings (or keys) contain U+0000, which
 * Postgres cannot store in text: found here once for every route, instead of a 500 from
 * the database. The walk is bounded by the JSON depth limit, so it cannot recurse away.
 */
export function nulCharacterErrors(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (node: unknown, field: string, depth: number) => {
    if (typeof node === 'string') {
      if (node.includes(NUL)) errors.push({ field: field || 'body', message: NUL_MESSAGE });
      return;
    }
    if (typeof node !== 'object' || node === null || depth > MAX_JSON_DEPTH) return;
    const entries = Array.isArray(node) ? node.map((item, i) => [String(i), item] as const) : Object.entries(node);
    for (const [key, child] of entries) {
      const path = Array.isArray(node) ? `${field}[${key}]` : field ? `${field}.${key}` : key;
      if (key.includes(NUL)) errors.push({ field: path.replaceAll(NUL, '\\u0000'), message: NUL_MESSAGE });
      else visit(child, path, depth + 1);
    }
  };
  visit(value, root, 0);
  return errors;
}
