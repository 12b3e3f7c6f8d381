import { FORM_SLUG, MAX_SLUG_LENGTH, newFormSlug } from './form-slug';

describe('newFormSlug', () => {
  it('keeps the name readable and adds a random suffix', () => {
    expect(newFormSlug('Summer Sign-up 2026!')).toMatch(/^summer-sign-up-2026-[a-z2-9]{6}$/);
    expect(newFormSlug('Summer sign-up')).not.toBe(newFormSlug('Summer sign-up'));
  });

  it('folds accents and drops what is not a letter or digit', () => {
    expect(newFormSlug('Café Crème — Club')).toMatch(/^cafe-creme-club-[a-z2-9]{6}$/);
  });

  it('falls back to join- for a name with no ASCII letters, and stays within the column', () => {
    expect(newFormSlug('会员')).toMatch(/^join-[a-z2-9]{6}$/);
    const long = newFormSlug('a'.repeat(39) + ' ' + 'b'.repeat(100));
    expect(long.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(long).toMatch(FORM_SLUG);
  });
});
