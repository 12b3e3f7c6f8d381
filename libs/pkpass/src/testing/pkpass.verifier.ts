import { execFile } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { OID_ORGANIZATIONAL_UNIT, OID_USER_ID, nameValue, readCertificateFields } from '../der/certificate-fields.util';
import { readZip } from './zip.reader';

const run = promisify(execFile);
const REQUIRED_STRINGS = ['passTypeIdentifier', 'serialNumber', 'teamIdentifier', 'organizationName', 'description'];
const STYLES = ['boardingPass', 'coupon', 'eventTicket', 'generic', 'storeCard'];

export interface VerifiedPkpass {
  passJson: Record<string, unknown>;
  /** Every file in the archive, sorted (manifest.json and signature included). */
  files: string[];
}

/**
 * Checks a .pkpass the way Wallet would, using the real openssl binary for the signature:
 * the CMS signature verifies over manifest.json and chains to `caPem`, it carries a
 * signingTime, the manifest lists exactly the other files with matching SHA-1s, and
 * pass.json holds Apple's required keys, naming the signing certificate's pass type and team.
 * Throws with every problem found.
 */
export async function verifyPkpass(buf: Buffer, opts: { caPem: string }): Promise<VerifiedPkpass> {
  let files: Record<string, Buffer>;
  try {
    files = readZip(buf);
  } catch (error) {
    throw new Error(`pkpass is not a readable zip: ${(error as Error).message}`);
  }
  const manifestBytes = files['manifest.json'];
  const signature = files['signature'];
  if (!manifestBytes || !signature) throw new Error('pkpass lacks manifest.json or signature');

  const signer = await verifySignatureWithOpenssl(manifestBytes, signature, opts.caPem);
  const problems = [...checkManifest(manifestBytes, files)];
  const passJson = parsePassJson(files['pass.json'], problems);
  if (passJson) problems.push(...checkPassJson(passJson, signer));
  if (!files['icon.png']) problems.push('icon.png is missing (Wallet requires an icon)');
  if (problems.length > 0) throw new Error(`invalid pkpass:\n- ${problems.join('\n- ')}`);
  return { passJson: passJson as Record<string, unknown>, files: Object.keys(files).sort() };
}

async function verifySignatureWithOpenssl(
  manifest: Buffer,
  signature: Buffer,
  caPem: string,
): Promise<{ passTypeIdentifier?: string; teamIdentifier?: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pkpass-verify-'));
  try {
    const at = (name: string) => path.join(dir, name);
    await Promise.all([
      writeFile(at('manifest.json'), manifest),
      writeFile(at('signature'), signature),
      writeFile(at('ca.pem'), caPem),
    ]);
    // prettier-ignore
    const verifyArgs = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', at('signature'), '-content', at('manifest.json'),
      '-CAfile', at('ca.pem'), '-purpose', 'any', '-out', at('verified'), '-signer', at('signer.pem')];
    try {
      await run('openssl', verifyArgs);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`openssl cms -verify rejected the pkpass signature: ${stderr.trim() || (error as Error).message}`);
    }
    const printed = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', at('signature')], {
      maxBuffer: 16 * 1024 * 1024,
    });
    if (!/signingTime/.test(printed.stdout)) throw new Error('pkpass signature has no signingTime attribute');
    if (/eContent: <ABSENT>/.test(printed.stdout) === false) throw new Error('pkpass signature is not detached');
    const signerCertificate = new X509Certificate(await readFile(at('signer.pem')));
    const fields = readCertificateFields(signerCertificate.raw);
    return {
      passTypeIdentifier: nameValue(fields.subject, OID_USER_ID),
      teamIdentifier: nameValue(fields.subject, OID_ORGANIZATIONAL_UNIT),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function* checkManifest(manifestBytes: Buffer, files: Record<string, Buffer>): Generator<string> {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    yield 'manifest.json is not JSON';
    return;
  }
  for (const [name, data] of Object.entries(files)) {
    if (name === 'manifest.json' || name === 'signature') continue;
    const expected = createHash('sha1').update(data).digest('hex');
    if (!(name in manifest)) yield `manifest.json does not list ${name}`;
    else if (manifest[name] !== expected) yield `manifest.json has a wrong SHA-1 for ${name}`;
  }
  for (const name of Object.keys(manifest)) {
    if (!(name in files)) yield `manifest.json lists ${name}, which is not in the archive`;
  }
}

function parsePassJson(bytes: Buffer | undefined, problems: string[]): Record<string, unknown> | undefined {
  if (!bytes) {
    problems.push('pass.json is missing');
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  problems.push('pass.json is not a JSON object');
  return undefined;
}

function checkPassJson(pass: Record<string, unknown>, signer: { passTypeIdentifier?: string; teamIdentifier?: string }): string[] {
  const problems: string[] = [];
  if (pass.formatVersion !== 1) problems.push('pass.json formatVersion must be 1');
  for (const key of REQUIRED_STRINGS) {
    if (typeof pass[key] !== 'string' || pass[key] === '') problems.push(`pass.json lacks ${key}`);
  }
  const styles = STYLES.filter((style) => style in pass);
  if (styles.length !== 1) problems.push(`pass.json must have exactly one style key (${STYLES.join(', ')})`);
  if (pass.webServiceURL !== undefined && (typeof pass.authenticationToken !== 'string' || pass.authenticationToken.length < 16)) {
    problems.push('pass.json has webServiceURL but no authenticationToken of 16+ characters');
  }
  if (signer.passTypeIdentifier !== undefined && pass.passTypeIdentifier !== signer.passTypeIdentifier) {
    problems.push(`pass.json passTypeIdentifier ${String(pass.passTypeIdentifier)} differs from the certificate's ${signer.passTypeIdentifier}`);
  }
  if (signer.teamIdentifier !== undefined && pass.teamIdentifier !== signer.teamIdentifier) {
    problems.push(`pass.json teamIdentifier ${String(pass.teamIdentifier)} differs from the certificate's ${signer.teamIdentifier}`);
  }
  return problems;
}
