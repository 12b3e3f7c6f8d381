import { ConfigError, Parser, ServiceConfig, int, loadConfig } from '@wp/config';

/** Standard Webhooks' example schedule after the first attempt: about 75 h in all. */
export const STANDARD_RETRY_SCHEDULE_MS = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400].map((s) => s * 1000);

/** Comma-separated milliseconds, e.g. `100,200` so tests can compress the schedule. */
function msList(defaultValue: number[]): Parser<number[]> {
  return (raw, name) => {
    if (raw === undefined || raw.trim() === '') return defaultValue;
    const parts = raw.split(',').map((part) => part.trim());
    if (parts.some((part) => !/^\d+$/.test(part))) throw new ConfigError(name, `must be comma-separated milliseconds, got "${raw}"`);
    return parts.map(Number);
  };
}

export const webhookConfigSpec = {
  /** Delay before each retry; attempts = 1 + its length. Jitter of ±10% is added. */
  WEBHOOK_RETRY_SCHEDULE_MS: msList(STANDARD_RETRY_SCHEDULE_MS),
  WEBHOOK_TIMEOUT_MS: int(15_000, { min: 100, max: 120_000 }),
  WEBHOOK_MAX_RESPONSE_BYTES: int(4096, { min: 0, max: 1 << 20 }),
  WEBHOOK_CONCURRENCY: int(32, { min: 1, max: 1000 }),
};

/** The fleet's variables (WEBHOOK_ALLOW_LOOPBACK, REDIS_URL, ...) plus the ones above. */
export type WebhookConfig = ServiceConfig<typeof webhookConfigSpec>;

export const WEBHOOK_CONFIG = Symbol('WEBHOOK_CONFIG');

/**
 * Read at boot like the service's own config: a bad value ends the process with one line
 * naming the variable. (Kept beside the feature so the service's main needs no change.)
 */
export const webhookConfigProvider = { provide: WEBHOOK_CONFIG, useFactory: (): WebhookConfig => loadConfig(webhookConfigSpec) };
