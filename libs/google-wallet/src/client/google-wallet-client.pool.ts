import { createHash } from 'node:crypto';
import type { ServiceAccount } from '../service-account/service-account';
import { GoogleWalletClient } from './google-wallet.client';

/**
 * One GoogleWalletClient per service account, so its signed bearer (valid for an hour)
 * is cached and reused across calls. A rotated key replaces the cached client.
 */
export class GoogleWalletClientPool {
  private readonly clients = new Map<string, { keyFingerprint: string; client: GoogleWalletClient }>();

  constructor(private readonly options: { rootUrl?: string } = {}) {}

  forServiceAccount(serviceAccount: ServiceAccount): GoogleWalletClient {
    const keyFingerprint = createHash('sha256').update(serviceAccount.privateKeyPem).digest('hex');
    const cached = this.clients.get(serviceAccount.clientEmail);
    if (cached?.keyFingerprint === keyFingerprint) return cached.client;

    const client = new GoogleWalletClient({ serviceAccount, rootUrl: this.options.rootUrl });
    this.clients.set(serviceAccount.clientEmail, { keyFingerprint, client });
    return client;
  }
}
