import { parsePassStrings } from '@wp/pkpass';
import { readZip, verifyPkpass } from '@wp/pkpass/testing';
import type { ApiResponse, TenantFixture } from '@wp/testing';
import { createHash, generateKeyPairSync } from 'node:crypto';

/** A terminal's ECDH P-256 public key as Apple's `encryptionPublicKey` wants it: base64 SubjectPublicKeyInfo. */
export function p256PublicKey(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

export interface OpenedPass {
  passJson: Record<string, any>;
  files: Record<string, Buffer>;
  manifest: Record<string, string>;
  /** Each `<language>.lproj/pass.strings`, parsed. */
  strings: Record<string, Record<string, string>>;
}

/**
 * A .pkpass opened the way Wallet would: `openssl cms -verify` over the manifest against the
 * CA, every file hashed in the manifest (verifyPkpass), then pass.json and each pass.strings
 * read. Throws on any of it.
 */
export async function openPass(pkpass: Buffer, caPem: string): Promise<OpenedPass> {
  const verified = await verifyPkpass(pkpass, { caPem });
  const files = readZip(pkpass);
  const manifest = JSON.parse(files['manifest.json'].toString('utf8')) as Record<string, string>;
  const strings: Record<string, Record<string, string>> = {};
  for (const name of Object.keys(files)) {
    const match = /^(.+)\.lproj\/pass\.strings$/.exec(name);
    if (match) strings[match[1]] = Object.fromEntries(parsePassStrings(files[name]).strings);
  }
  return { passJson: verified.passJson as Record<string, any>, files, manifest, strings };
}

export const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

export async function download(tenant: TenantFixture, passId: string): Promise<Buffer> {
  const response = await tenant.api.get(`/v1/passes/${passId}/download`);
  expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 200, type: 'application/vnd.apple.pkpass' });
  return response.bytes;
}

/** The field errors of a 400, as `{field: message}`. */
export function fieldErrors(response: ApiResponse): Record<string, string> {
  expect({ status: response.status, body: response.body }).toEqual({ status: 400, body: expect.objectContaining({ status: 'error' }) });
  return Object.fromEntries((response.body.errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]));
}
