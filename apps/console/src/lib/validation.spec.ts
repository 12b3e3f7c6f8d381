import { isSessionRejection, normaliseField, retryAfterSeconds, splitErrors } from './api-errors';
import { colourError, emailError, httpsUrlError, phoneError, pointsErrors, tierErrors } from './validation';

describe('console form validation', () => {
  test('colours, phone numbers, e-mail addresses and URLs as the contract states them', () => {
    expect(colourError('#A1B2C3')).toBeUndefined();
    expect(colourError('rgb(0, 128, 255)')).toBeUndefined();
    expect(colourError('#FFF')).toBe('must be #RRGGBB or rgb(r,g,b)');
    expect(colourError('rgb(300,0,0)')).toBeDefined();
    expect(phoneError('+1234567890')).toBeUndefined();
    expect(phoneError('01234 567890')).toMatch(/E\.164/);
    expect(emailError('a@b.co')).toBeUndefined();
    expect(emailError('a@b')).toBeDefined();
    expect(httpsUrlError('https://example.com/hook')).toBeUndefined();
    expect(httpsUrlError('ftp://example.com')).toBeDefined();
    expect(httpsUrlError('not a url')).toBeDefined();
  });

  test('tiers must start at 0, not overlap, and have distinct names; 0 as maximum means no bound', () => {
    expect(
      tierErrors([
        { tier_name: 'Bronze', min_points: 0, max_points: 100 },
        { tier_name: 'Silver', min_points: 101, max_points: 0 },
      ]),
    ).toEqual({});
    expect(tierErrors([])).toEqual({ tiers: 'add at least one tier' });
    expect(tierErrors([{ tier_name: 'Bronze', min_points: 5, max_points: 0 }])).toEqual({ 'tiers.0.min_points': 'the lowest tier must start at 0' });
    expect(
      tierErrors([
        { tier_name: 'Bronze', min_points: 0, max_points: 100 },
        { tier_name: 'bronze', min_points: 100, max_points: 50 },
      ]),
    ).toEqual({
      'tiers.1.tier_name': 'is used by another tier',
      'tiers.1.max_points': 'must be at least the minimum (0 means no upper bound)',
      'tiers.1.min_points': 'overlaps Bronze',
    });
    // An unbounded tier below another overlaps it.
    expect(
      tierErrors([
        { tier_name: 'Open', min_points: 0, max_points: 0 },
        { tier_name: 'Gold', min_points: 500, max_points: 0 },
      ]),
    ).toEqual({ 'tiers.1.min_points': 'overlaps Open' });
  });

  test('points are whole and non-negative; a reference has at most 64 characters', () => {
    expect(pointsErrors({ points: 10 })).toEqual({});
    expect(pointsErrors({ points: -1, transaction_reference: 'x'.repeat(65) })).toEqual({
      points: 'must be a non-negative integer',
      transaction_reference: 'must be at most 64 characters',
    });
    expect(pointsErrors({ points: 1.5 })).toHaveProperty('points');
  });
});

describe('API errors in the console', () => {
  test("each errors[] entry goes beside the field it names; unknown fields and field-less errors go to the summary", () => {
    const envelope = {
      message: 'Validation failed',
      errors: [
        { field: 'tiers[1].min_points', message: 'overlaps' },
        { field: 'contact_email', message: 'must be an email' },
        { field: 'contact_email', message: 'is taken' },
        { field: 'surprise', message: 'is odd' },
        { message: 'general' },
      ],
    };
    expect(splitErrors(envelope, ['contact_email', 'tiers.1.min_points'])).toEqual({
      fields: { 'tiers.1.min_points': 'overlaps', contact_email: 'must be an email; is taken' },
      general: ['surprise: is odd', 'general'],
    });
    expect(splitErrors({ message: 'Tenant is suspended' })).toEqual({ fields: {}, general: ['Tenant is suspended'] });
    expect(normaliseField('a[0].b[12]')).toBe('a.0.b.12');
  });

  test('Retry-After in seconds or as a date, never less than a second', () => {
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds('0')).toBe(1);
    expect(retryAfterSeconds(null)).toBe(1);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon')).toBe(1);
  });

  test('only a refused token ends the session, not a wrong role or a suspended tenant', () => {
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(isSessionRejection(401, undefined, later)).toBe(true);
    expect(isSessionRejection(403, { message: 'Credentials have expired' }, later)).toBe(true);
    expect(isSessionRejection(403, { message: 'Invalid credentials' }, later)).toBe(true);
    expect(isSessionRejection(403, { message: 'This endpoint needs an admin token' }, later)).toBe(false);
    expect(isSessionRejection(403, { message: 'Tenant is suspended' }, later)).toBe(false);
    expect(isSessionRejection(403, undefined, new Date(Date.now() - 1000).toISOString())).toBe(true);
    expect(isSessionRejection(404, { message: 'Invalid credentials' }, later)).toBe(false);
  });
});
