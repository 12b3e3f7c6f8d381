import { int, url } from '@wp/config';
import { availableParallelism } from 'node:os';

export const passGenerationSpec = {
  /** Google Wallet REST endpoint; a test or a proxy points it elsewhere. */
  GOOGLE_WALLET_API_URL: url('https://walletobjects.googleapis.com', ['http', 'https']),
  /** How long a request waits for Google before answering without it (the syncer retries later). */
  GOOGLE_WALLET_TIMEOUT_MS: int(3000, { min: 100, max: 60_000 }),
  /** Worker threads that sign passes; 0 signs on the event loop. */
  PKPASS_SIGNER_THREADS: int(Math.max(1, Math.min(4, availableParallelism() - 1)), { min: 0, max: 64 }),
  /** Signed bundles kept in memory (the database keeps every pass's latest one). */
  PASS_BUNDLE_CACHE_MB: int(64, { min: 0, max: 4096 }),
};
