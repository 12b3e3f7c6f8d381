import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { transformFile } from '@swc/core';
import { createPkpass } from '../bundle/pkpass.builder';
import { builtInImages } from '../png/built-in-images';
import { PkpassBundleError } from '../pkpass.errors';
import { TestCa, TestPassCertificate, createTestCa, issuePassCertificate, verifyPkpass } from '../testing';
import { PkpassSignerPool } from './pkpass-signer.pool';

const run = promisify(execFile);
const SOURCE_ROOT = path.resolve(__dirname, '..');
const REPO_ROOT = path.resolve(SOURCE_ROOT, '../../..');

function files(identity: { passTypeIdentifier: string; teamIdentifier: string }, serialNumber: string): Record<string, Buffer> {
  const pass = {
    formatVersion: 1,
    ...identity,
    serialNumber,
    organizationName: 'Example Coffee',
    description: 'Loyalty card',
    storeCard: { primaryFields: [{ key: 'points', label: 'Points', value: 7 }] },
  };
  return { 'pass.json': Buffer.from(JSON.stringify(pass)), ...builtInImages() };
}

describe('PkpassSignerPool', () => {
  let ca: TestCa;
  let signer: TestPassCertificate;
  const identity = { passTypeIdentifier: 'pass.com.example.pool', teamIdentifier: 'TEAMPOOL' };

  beforeAll(() => {
    ca = createTestCa();
    signer = issuePassCertificate(ca, identity);
  });

  it('signs on worker threads when run from TypeScript sources, with output verified by openssl', async () => {
    const pool = new PkpassSignerPool({ size: 2 });
    try {
      expect(pool.mode).toBe('workers');
      const serials = Array.from({ length: 40 }, (_, i) => `serial-${i}`);
      const signed = await Promise.all(serials.map((serial) => pool.sign(files(identity, serial), signer)));
      // Still on workers: a worker that failed to start would have tipped the pool to inline.
      expect(pool.mode).toBe('workers');
      for (const index of [0, 17, 39]) {
        const verified = await verifyPkpass(signed[index], { caPem: ca.certificatePem });
        expect(verified.passJson.serialNumber).toBe(serials[index]);
      }
    } finally {
      await pool.close();
    }
  });

  it('produces exactly the bytes createPkpass produces inline', async () => {
    const pool = new PkpassSignerPool({ size: 1 });
    const signingTime = new Date('2026-04-01T08:00:00Z');
    try {
      const fromWorker = await pool.sign(files(identity, 'same'), signer, { signingTime });
      expect(fromWorker.equals(createPkpass(files(identity, 'same'), signer, { signingTime }))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('rejects with the same error class the inline path throws', async () => {
    const pool = new PkpassSignerPool({ size: 1 });
    try {
      const { 'icon.png': _icon, ...withoutIcon } = files(identity, 'no-icon');
      await expect(pool.sign(withoutIcon, signer)).rejects.toThrow(new PkpassBundleError('icon.png is missing'));
      await expect(pool.sign(files(identity, 'after-error'), signer)).resolves.toBeInstanceOf(Buffer);
    } finally {
      await pool.close();
    }
  });

  it('finishes accepted work on close and refuses work afterwards', async () => {
    const pool = new PkpassSignerPool({ size: 1 });
    const pending = Array.from({ length: 10 }, (_, i) => pool.sign(files(identity, `closing-${i}`), signer));
    await pool.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(10);
    await expect(pool.sign(files(identity, 'late'), signer)).rejects.toThrow('PkpassSignerPool is closed');
  });

  it('signs inline with size 0', async () => {
    const pool = new PkpassSignerPool({ size: 0 });
    expect(pool.mode).toBe('inline');
    await expect(verifyPkpass(await pool.sign(files(identity, 'inline'), signer), { caPem: ca.certificatePem })).resolves.toBeTruthy();
    await pool.close();
  });

  it('starts its workers from SWC-compiled JS laid out like dist/', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'pkpass-dist-'));
    try {
      await compileTree(SOURCE_ROOT, path.join(out, 'src'));
      const script = `
        const { PkpassSignerPool, builtInImages } = require(${JSON.stringify(path.join(out, 'src', 'index.js'))});
        const pool = new PkpassSignerPool({ size: 1 });
        const pass = ${JSON.stringify(JSON.parse(files(identity, 'compiled')['pass.json'].toString()))};
        const signer = ${JSON.stringify(signer)};
        pool.sign({ 'pass.json': Buffer.from(JSON.stringify(pass)), ...builtInImages() }, signer)
          .then(async (pkpass) => { process.stdout.write(JSON.stringify({ mode: pool.mode, pkpass: pkpass.toString('base64') })); await pool.close(); });
      `;
      const { stdout } = await run(process.execPath, ['-e', script], {
        env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
        maxBuffer: 64 * 1024 * 1024,
      });
      const result = JSON.parse(stdout) as { mode: string; pkpass: string };
      expect(result.mode).toBe('workers');
      const verified = await verifyPkpass(Buffer.from(result.pkpass, 'base64'), { caPem: ca.certificatePem });
      expect(verified.passJson.serialNumber).toBe('compiled');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

/** What tools/build.mjs does for this library: every non-spec .ts to a sibling .js. */
async function compileTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      await compileTree(source, path.join(to, entry.name));
    } else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(entry.name)) {
      const { code } = await transformFile(source, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      await writeFile(path.join(to, entry.name.replace(/\.ts$/, '.js')), code);
    }
  }
}
