import { randomInt } from 'node:crypto';

// Lowercase letters and digits without look-alikes (0/o, 1/l/i): slugs get read off posters and typed.
const SUFFIX_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const SUFFIX_LENGTH = 6;
const MAX_WORDS_LENGTH = 40;

/** What a slug looks like; anything else is not looked up. */
export const FORM_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 64;

/**
 * A readable, unguessable-enough slug: the form's name in ASCII words plus a random suffix
 * (31^6 ≈ 887 million), e.g. `summer-sign-up-k3v9qz`. The suffix keeps two forms of the
 * same name apart and makes a deleted form's slug impossible to reuse by accident.
 */
export function newFormSlug(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_WORDS_LENGTH)
    .replace(/-+$/, '');
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return words ? `${words}-${suffix}` : `join-${suffix}`;
}
