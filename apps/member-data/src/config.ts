import { int } from '@wp/config';

export const memberDataSpec = {
  /** GET /v1/members/{id} asks pass-generation for the passes; it must answer quickly. */
  PASSES_RPC_TIMEOUT_MS: int(1500, { min: 100, max: 30_000 }),
  /** Members re-tiered per transaction after a programme is replaced. */
  RETIER_PAGE_SIZE: int(500, { min: 1, max: 10_000 }),
  /** How often the coupon sweep looks for issues whose pass was never made (the issuing request died). */
  COUPON_SWEEP_MS: int(10_000, { min: 100, max: 3_600_000 }),
  /** An issue is swept once it is this old: well past any request that could still be making its pass. */
  COUPON_SWEEP_AFTER_MS: int(60_000, { min: 100, max: 86_400_000 }),
};
