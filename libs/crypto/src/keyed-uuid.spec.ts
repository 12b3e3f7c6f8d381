import { keyedUuid } from './tokens';

describe('keyedUuid', () => {
  it('names the same row for the same inputs, another for any other', () => {
    const id = keyedUuid('pass', 'tenant-a', 'key-1');
    expect(keyedUuid('pass', 'tenant-a', 'key-1')).toBe(id);
    expect(new Set([id, keyedUuid('pass', 'tenant-b', 'key-1'), keyedUuid('member', 'tenant-a', 'key-1'), keyedUuid('pass', 'tenant-a', 'key-2')]).size).toBe(4);
  });

  it('is a well-formed version 8 UUID, as Postgres and the API validate it', () => {
    expect(keyedUuid('pass', 't', 'k')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
