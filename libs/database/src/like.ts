/**
 * Escapes `%`, `_` and `\` so user text is matched literally by LIKE/ILIKE (whose default
 * escape character is the backslash): a search for "50%" must not match everything.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
