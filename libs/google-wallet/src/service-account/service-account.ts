import { createPrivateKey, type KeyObject } from 'node:crypto';
import { GoogleCredentialError } from './google-credential.error';

/** The parts of a Google service-account key file this library uses. */
export interface ServiceAccount {
  clientEmail: string;
  privateKeyPem: string;
  privateKeyId?: string;
  projectId?: string;
}

/**
 * Validates a service-account key file (a JSON string or an object) once, at
 * upload time, so a bad key fails with a field name instead of a 401 from Google later.
 */
export function parseServiceAccount(input: string | object): ServiceAccount {
  const json = typeof input === 'string' ? parseJson(input) : input;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new GoogleCredentialError('Service account JSON must be an object.');
  }
  const fields = json as Record<string, unknown>;

  if (fields['type'] !== 'service_account') {
    throw new GoogleCredentialError('Service account JSON field "type" must be "service_account".', 'type');
  }
  const clientEmail = requiredString(fields, 'client_email').trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(clientEmail)) {
    throw new GoogleCredentialError('Service account JSON field "client_email" is not an e-mail address.', 'client_email');
  }
  const privateKeyPem = normalizePem(requiredString(fields, 'private_key'));
  assertRsaPrivateKey(privateKeyPem);

  const privateKeyId = optionalString(fields, 'private_key_id');
  const projectId = optionalString(fields, 'project_id');
  return {
    clientEmail,
    privateKeyPem,
    ...(privateKeyId ? { privateKeyId } : {}),
    ...(projectId ? { projectId } : {}),
  };
}

/** The key as node:crypto wants it; callers have already validated it with parseServiceAccount. */
export function privateKeyOf(serviceAccount: ServiceAccount): KeyObject {
  return createPrivateKey(serviceAccount.privateKeyPem);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error, which may be key material.
    throw new GoogleCredentialError('Service account JSON is not valid JSON.');
  }
}

function requiredString(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GoogleCredentialError(`Service account JSON field "${name}" is missing or empty.`, name);
  }
  return value;
}

function optionalString(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new GoogleCredentialError(`Service account JSON field "${name}" must be a string.`, name);
  }
  return value;
}

// Keys pasted through environment variables or form fields often arrive with literal
// "\n" sequences instead of line breaks; PEM needs the real ones.
function normalizePem(pem: string): string {
  return pem.includes('\n') ? pem : pem.replace(/\\n/g, '\n');
}

function assertRsaPrivateKey(pem: string): void {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new GoogleCredentialError('Service account JSON field "private_key" is not a readable PEM private key.', 'private_key');
  }
  // Google signs and verifies service-account JWTs with RS256 only.
  if (key.asymmetricKeyType !== 'rsa') {
    throw new GoogleCredentialError('Service account JSON field "private_key" must be an RSA key.', 'private_key');
  }
}
