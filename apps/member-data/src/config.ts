import { int } from '@wp/config';

export const memberDataSpec = {
  /** GET /v1/members/{id} asks pass-generation for the passes; it must answer quickly. */
  PASSES_RPC_TIMEOUT_MS: int(1500, { min: 100, max: 30_000 }),
  /** Members re-tiered per transaction after a programme is replaced. */
  RETIER_PAGE_SIZE: int(500, { min: 1, max: 10_000 }),
};
