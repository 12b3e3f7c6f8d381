import { builtInImages, createPkpass } from '@wp/pkpass';
import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { repoRoot } from '@wp/testing';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'doctor-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the built CLI (`npm test` builds dist/ first) with no database or Redis configured. */
async function doctor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' };
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repoRoot(), 'dist/tools/doctor.js'), ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run doctor', () => {
  it('lists every problem of a pass in plain words and exits 1 on an error', async () => {
    const ca = createTestCa();
    const signer = issuePassCertificate(ca, { passTypeIdentifier: 'pass.example.cli', teamIdentifier: 'TEAMCLI01' });
    const pass = { formatVersion: 1, passTypeIdentifier: 'pass.example.cli', teamIdentifier: 'OTHERTEAM', serialNumber: 'S1', organizationName: 'O', description: 'D', storeCard: {} };
    const file = path.join(dir, 'bad.pkpass');
    await writeFile(file, createPkpass({ 'pass.json': Buffer.from(JSON.stringify(pass)), 'icon.png': builtInImages()['icon.png'] }, signer));
    const result = await doctor(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ERROR   team_id_mismatch [pass.json]');
    expect(result.stdout).toContain('ERROR   wwdr_intermediate_not_g4 [signature]');
    expect(result.stdout).toContain('FAILED: 2 error(s)');

    const json = await doctor(file, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ file, ok: false, summary: { pass_type_identifier: 'pass.example.cli' } });
  });

  it('answers a JPEG and a missing file with exit 1, not a crash', async () => {
    const jpeg = path.join(dir, 'photo.pkpass');
    await writeFile(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]));
    const result = await doctor(jpeg);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toContain('not_a_zip');
    expect(await doctor(path.join(dir, 'absent.pkpass'))).toMatchObject({ code: 1, stderr: expect.stringContaining('ENOENT') });
  });
});
