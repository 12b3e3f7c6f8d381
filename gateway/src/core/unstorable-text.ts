import type { FieldError } from '@wp/contracts';
import { MAX_JSON_DEPTH } from './body-parsing/json-depth';

const NUL = '\u0000';
export const NUL_MESSAGE = 'must not contain NUL (\\u0000) characters';
export const SURROGATE_MESSAGE = 'must be well-formed Unicode (no lone surrogate code points)';
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): string | undefined {
  if (text.includes(NUL)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  return undefined;
}

/**
 * The fields of a body, query or path value whose strings (or keys) hold text no service
 * can keep: U+0000, which Postgres refuses, and lone surrogates (JSON can escape them, but
 * they are not Unicode text; validator.js throws on them). Found here once for every
 * route, instead of a 500 further in. The walk is bounded by the JSON depth limit.
 */
export function unstorableTextErrors(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (node: unknown, field: string, depth: number) => {
    if (typeof node === 'string') {
      const problem = problemOf(node);
      if (problem) errors.push({ field: field || 'body', message: problem });
      return;
    }
    if (typeof node !== 'object' || node === null || depth > MAX_JSON_DEPTH) return;
    const entries = Array.isArray(node) ? node.map((item, i) => [String(i), item] as const) : Object.entries(node);
    for (const [key, child] of entries) {
      const path = Array.isArray(node) ? `${field}[${key}]` : field ? `${field}.${key}` : key;
      const problem = problemOf(key);
      if (problem) errors.push({ field: JSON.stringify(path).slice(1, -1), message: problem });
      else visit(child, path, depth + 1);
    }
  };
  visit(value, root, 0);
  return errors;
}
