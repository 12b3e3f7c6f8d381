import { createTestServiceAccount } from '../testing/test-service-account';
import { GoogleWalletClientPool } from './google-wallet-client.pool';

describe('GoogleWalletClientPool', () => {
  const pool = new GoogleWalletClientPool({ rootUrl: 'http://127.0.0.1:9/' });
  const account = createTestServiceAccount();

  it('hands out one client per service account, so its signed bearer is reused', () => {
    const first = pool.forServiceAccount(account.serviceAccount);
    expect(pool.forServiceAccount({ ...account.serviceAccount })).toBe(first);
    expect(first.clientEmail).toBe(account.serviceAccount.clientEmail);
  });

  it('replaces the client when the account key is rotated', () => {
    const before = pool.forServiceAccount(account.serviceAccount);
    const rotated = { ...account.serviceAccount, privateKeyPem: createTestServiceAccount().serviceAccount.privateKeyPem };

    const after = pool.forServiceAccount(rotated);

    expect(after).not.toBe(before);
    expect(pool.forServiceAccount(rotated)).toBe(after);
  });

  it('keeps different service accounts apart', () => {
    const other = createTestServiceAccount({ name: 'other-tenant' });
    expect(pool.forServiceAccount(other.serviceAccount)).not.toBe(pool.forServiceAccount(account.serviceAccount));
  });
});
