import { buildManifest } from './manifest.builder';

describe('manifest.json', () => {
  it('maps every file to the lowercase hex SHA-1 of its bytes', () => {
    const manifest = JSON.parse(
      buildManifest([
        { name: 'pass.json', data: Buffer.from('abc') },
        { name: 'en.lproj/pass.strings', data: Buffer.alloc(0) },
      ]).toString('utf8'),
    );
    expect(manifest).toEqual({
      'pass.json': 'a9993e364706816aba3e25717850c26c9cd0d89d',
      'en.lproj/pass.strings': 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    });
  });
});
