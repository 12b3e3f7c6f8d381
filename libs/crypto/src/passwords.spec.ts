import { DEFAULT_PASSWORD_HASH_COST, dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('stores the cost it hashed with, so a hash made at any cost still verifies', async () => {
    const cheap = await hashPassword('correct horse', 10);
    expect(cheap.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    expect(await verifyPassword('correct horse', cheap)).toBe(true);
    expect(await verifyPassword('wrong horse', cheap)).toBe(false);
  });

  it('defaults to N=2^17', () => {
    expect(DEFAULT_PASSWORD_HASH_COST).toBe(17);
    expect(dummyPasswordHash().split('$')[1]).toBe('131072');
  });

  it('never accepts a password against the dummy hash', async () => {
    expect(await verifyPassword('', dummyPasswordHash(10))).toBe(false);
  });
});
