import { int } from '@wp/config';
import { DEFAULT_PASSWORD_HASH_COST } from '@wp/crypto';

export const tenantManagementSpec = {
  ADMIN_TOKEN_TTL_S: int(12 * 3600, { min: 60 }),
  LOGIN_MAX_FAILURES: int(10, { min: 1 }),
  LOGIN_WINDOW_S: int(15 * 60, { min: 1 }),
  /** Cap of the growing delay after failed logins. */
  LOGIN_MAX_DELAY_MS: int(3000, { min: 0, max: 10_000 }),
  /**
   * log2 of scrypt's N for new password hashes (17 is OWASP's recommendation). Test fleets
   * lower it so a loaded machine does not spend seconds per bootstrap.
   */
  PASSWORD_HASH_COST: int(DEFAULT_PASSWORD_HASH_COST, { min: 10, max: 20 }),
};
