import { randomBytes } from 'node:crypto';
import { readConfig } from './load-config';

const MASTER_KEY = randomBytes(32).toString('hex');

describe('PUBLIC_BASE_URL', () => {
  it('defaults to localhost on the gateway port', () => {
    expect(readConfig({}, { MASTER_KEY }).PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(readConfig({}, { MASTER_KEY, PORT: '3710' }).PUBLIC_BASE_URL).toBe('http://localhost:3710');
  });

  it('is taken as given when set, without a trailing slash', () => {
    expect(readConfig({}, { MASTER_KEY, PORT: '3710', PUBLIC_BASE_URL: 'https://wallet.example.com/' }).PUBLIC_BASE_URL).toBe('https://wallet.example.com');
  });
});
