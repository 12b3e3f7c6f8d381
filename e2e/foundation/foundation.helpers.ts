import type { ApiClient, ApiResponse } from '@wp/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fleet boots in seconds, but a loaded CI machine may need more than Jest's default hook time. */
export const FLEET_BOOT_TIMEOUT_MS = 150_000;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const API_KEY = /^wp_[0-9a-f]{32}$/;

/** Every error has this envelope, and its request_id is the X-Request-Id header. */
export function expectError(response: ApiResponse, status: number): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: expect.objectContaining({ status: 'error', message: expect.any(String), timestamp: expect.any(String), request_id: expect.any(String) }),
  });
  expect(response.body.message.length).toBeGreaterThan(0);
  expect(Number.isNaN(Date.parse(response.body.timestamp))).toBe(false);
  expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
  expect(response.text).not.toMatch(/\bat .+\.(js|ts):\d+|node_modules|stack/);
}

/** The `field` of each entry of a 400's `errors`. */
export function fieldsOf(response: ApiResponse): string[] {
  return ((response.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
}

/** Every item of a paginated list, following `pagination.next_cursor`. */
export async function listAll<T = any>(api: ApiClient, listPath: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = listPath.includes('?') ? '&' : '?';
    const response: ApiResponse = await api.get(`${listPath}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (response.status !== 200) throw new Error(`GET ${listPath} answered ${response.status}: ${response.text}`);
    items.push(...(response.body.data as T[]));
    cursor = response.body.pagination.next_cursor;
  } while (cursor);
  return items;
}

/**
 * A PKCS#12 file made by the openssl binary, as a tenant exporting from Keychain or openssl
 * would: the OpenSSL 3 default encoding (AES-256, SHA-256 MAC) or the legacy one (3DES, SHA-1).
 */
export function exportPkcs12(certificatePem: string, privateKeyPem: string, passphrase: string, encoding: 'current' | 'legacy'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wp-p12-'));
  try {
    writeFileSync(path.join(dir, 'cert.pem'), certificatePem);
    writeFileSync(path.join(dir, 'key.pem'), privateKeyPem, { mode: 0o600 });
    const legacy = encoding === 'legacy' ? ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'] : [];
    execFileSync('openssl', ['pkcs12', '-export', '-in', 'cert.pem', '-inkey', 'key.pem', '-out', 'bundle.p12', '-passout', 'env:P12_PASS', ...legacy], {
      cwd: dir,
      env: { ...process.env, P12_PASS: passphrase },
      stdio: 'pipe',
    });
    return readFileSync(path.join(dir, 'bundle.p12')).toString('base64');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The base64 lines of a PEM, i.e. the secret material without its armour. */
export function pemBodyLines(pem: string): string[] {
  return pem
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 40 && !line.startsWith('-----'));
}
