import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import type { ServiceAccount } from '../service-account/service-account';

export interface TestServiceAccount {
  /** A key file shaped like the one Google's console downloads. */
  json: Record<string, string>;
  serviceAccount: ServiceAccount;
  publicKeyPem: string;
}

/** A fresh RSA-2048 service account, as Google would issue it, for fakes and fixtures. */
export function createTestServiceAccount(options: { projectId?: string; name?: string } = {}): TestServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const projectId = options.projectId ?? `wallet-test-${randomBytes(3).toString('hex')}`;
  const clientEmail = `${options.name ?? 'wallet-issuer'}@${projectId}.iam.gserviceaccount.com`;
  const privateKeyId = randomBytes(20).toString('hex');
  const clientId = `1${Array.from({ length: 20 }, () => randomInt(10)).join('')}`;

  const json = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: privateKeyId,
    private_key: privateKey,
    client_email: clientEmail,
    client_id: clientId,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
  return {
    json,
    serviceAccount: { clientEmail, privateKeyPem: privateKey, privateKeyId, projectId },
    publicKeyPem: publicKey,
  };
}
