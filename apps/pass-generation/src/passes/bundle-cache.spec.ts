import { BundleCache } from './bundle-cache';

const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe('BundleCache', () => {
  it('keeps entries within the byte budget, dropping the least recently used', () => {
    const cache = new BundleCache(10);
    cache.set('a:1', bytes(4));
    cache.set('b:1', bytes(4));
    expect(cache.get('a:1')).toBeDefined(); // a is now the most recent
    cache.set('c:1', bytes(4));
    expect(cache.get('b:1')).toBeUndefined();
    expect(cache.get('a:1')).toBeDefined();
    expect(cache.get('c:1')).toBeDefined();
  });

  it('replaces an entry under the same key and skips values larger than the budget', () => {
    const cache = new BundleCache(10);
    cache.set('a:1', bytes(4, 1));
    cache.set('a:1', bytes(6, 2));
    cache.set('b:1', bytes(4));
    expect(cache.get('a:1')?.[0]).toBe(2);
    cache.set('huge', bytes(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b:1')).toBeDefined();
  });
});
