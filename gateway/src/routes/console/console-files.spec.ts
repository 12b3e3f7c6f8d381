import { DomainError } from '@wp/contracts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { consoleFile } from './console-files';

describe('console files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'console-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(path.join(dir, 'assets/index-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'not for the web');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const code = (promise: Promise<unknown>) => promise.then(() => 'served', (e: DomainError) => e.code);

  test('hashed bundle files are cached for a year; every page of the app is index.html, checked each time', async () => {
    await expect(consoleFile('assets/index-abc123.js', dir)).resolves.toMatchObject({ contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' });
    for (const page of ['', 'tenants', 't/3f6c2a7e/members/M-1', 'login']) {
      const file = await consoleFile(page, dir);
      expect({ type: file.contentType, cache: file.cacheControl, body: file.body.toString() }).toEqual({ type: 'text/html; charset=utf-8', cache: 'no-cache', body: '<!doctype html><title>console</title>' });
    }
  });

  test('nothing outside assets/ is reachable, and a missing bundle file is a 404, not the app', async () => {
    await expect(code(consoleFile('assets/../secret.txt', dir))).resolves.toBe('not_found');
    await expect(code(consoleFile('assets/missing-1.js', dir))).resolves.toBe('not_found');
    await expect(code(consoleFile('assets/index-abc123.txt', dir))).resolves.toBe('not_found');
    // A client route that looks like a file still gets the app, never the file.
    await expect(consoleFile('secret.txt', dir).then((f) => f.body.toString())).resolves.toContain('<title>console</title>');
  });

  test('an unbuilt console answers 503 saying how to build it', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'console-empty-'));
    try {
      await expect(consoleFile('', empty)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('npm run build') });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
