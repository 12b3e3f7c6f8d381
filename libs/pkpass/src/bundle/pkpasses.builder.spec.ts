import { readZip } from '../testing';
import { PkpassBundleError } from '../pkpass.errors';
import { createPkpasses } from './pkpasses.builder';

describe('createPkpasses', () => {
  const pass = (n: number) => ({ filename: `pass-${n}.pkpass`, pkpass: Buffer.from(`PK-bytes-${n}`) });

  it('zips the .pkpass files as they are', () => {
    const zip = readZip(createPkpasses([pass(1), pass(2)]));
    expect(Object.keys(zip)).toEqual(['pass-1.pkpass', 'pass-2.pkpass']);
    expect(zip['pass-2.pkpass'].toString()).toBe('PK-bytes-2');
  });

  it('refuses an empty bundle, more than 10 passes, a name twice and names that are not .pkpass files', () => {
    expect(() => createPkpasses([])).toThrow(PkpassBundleError);
    expect(() => createPkpasses(Array.from({ length: 11 }, (_, i) => pass(i)))).toThrow(/at most 10/);
    expect(() => createPkpasses([pass(1), pass(1)])).toThrow(/twice/);
    expect(() => createPkpasses([{ filename: '../x.pkpass', pkpass: Buffer.from('x') }])).toThrow(/invalid pass file name/);
    expect(() => createPkpasses([{ filename: 'x.zip', pkpass: Buffer.from('x') }])).toThrow(/invalid pass file name/);
  });
});
