import type { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { requestContext } from './request-context';

/**
 * Field names whose values are secrets. pino replaces them wherever they appear in a log
 * object, so a careless `log.info({ body })` still cannot leak a key or a password.
 */
export const REDACTED_PATHS = [
  'password',
  'passphrase',
  'token',
  'access_token',
  'api_key',
  'apiKey',
  'secret',
  'authorization',
  'private_key_pem',
  'privateKeyPem',
  'p12_base64',
  'certificate_pem',
  'service_account_json',
  'serviceAccountJson',
  'authenticationToken',
  'auth_token',
  'authToken',
  '*.password',
  '*.passphrase',
  '*.token',
  '*.access_token',
  '*.api_key',
  '*.secret',
  '*.authorization',
  '*.private_key_pem',
  '*.privateKeyPem',
  '*.p12_base64',
  '*.service_account_json',
  '*.authenticationToken',
  'headers.authorization',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const store = requestContext.getStore();
      return store ? { request_id: store.requestId, ...(store.tenantId ? { tenant_id: store.tenantId } : {}) } : {};
    },
  });
}

/** Routes Nest's own logging into the same JSON lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
