import { SecretBox } from '@wp/crypto';
import type { ApiResponse, Fleet } from '@wp/testing';
import { createHash, createPublicKey, createVerify } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Client } from 'pg';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface BinaryResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * GET with the raw bytes of the answer (the shared ApiClient reads bodies as text, which
 * would mangle a .pkpass). Redirects are not followed.
 */
export function getBinary(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<BinaryResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A multipart upload as a browser form or `curl -F file=@logo.png` sends it. */
export async function uploadFile(baseUrl: string, apiKey: string, filename: string, bytes: Buffer, contentType = 'image/png'): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
  const response = await fetch(new URL('/v1/assets', baseUrl), { method: 'POST', headers: { 'x-api-key': apiKey }, body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * The platform's development CA, read the honest way: the sealed signer row from the fleet's
 * database, opened with the fleet's MASTER_KEY exactly as the service opens it.
 */
export async function developmentCaPem(fleet: Fleet): Promise<string> {
  const client = new Client({ connectionString: fleet.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ sealed_secret: string }>(`SELECT sealed_secret FROM pass.platform_signers WHERE name = 'development'`);
    if (rows.length !== 1) throw new Error('no development signer row');
    const key = Buffer.from(fleet.masterKey, 'hex');
    const box = new SecretBox(key, createHash('sha256').update(key).digest('hex').slice(0, 8));
    const signer = JSON.parse(box.openText(rows[0].sealed_secret, 'pass:platform-signer:development')) as { caCertificatePem: string; privateKeyPem: string };
    if (!signer.privateKeyPem.includes('PRIVATE KEY')) throw new Error('the sealed signer holds no key');
    return signer.caCertificatePem;
  } finally {
    await client.end();
  }
}

/** A JWT's header and claims, after checking its RS256 signature with `publicKeyPem`. */
export function verifyRs256Jwt(jwt: string, publicKeyPem: string): { header: any; claims: any } {
  const [header, payload, signature] = jwt.split('.');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'))) throw new Error('JWT signature does not verify');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')), claims: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) };
}

/** Every field of a pass.json's storeCard, flattened. */
export function passFields(passJson: Record<string, any>): Array<{ key: string; label?: string; value: unknown; changeMessage?: string }> {
  return Object.values(passJson.storeCard as Record<string, any[]>).flat();
}

export function expectStatus(response: ApiResponse, status: number): void {
  expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.anything() });
}

/** The pass.* events pass-generation recorded in its outbox for one pass, oldest first. */
export async function outboxEvents(fleet: Fleet, passId: string): Promise<Array<{ type: string; data: any }>> {
  const client = new Client({ connectionString: fleet.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ type: string; data: any }>(`SELECT type, data FROM pass.outbox WHERE data->>'pass_id' = $1 ORDER BY seq`, [passId]);
    return rows;
  } finally {
    await client.end();
  }
}
