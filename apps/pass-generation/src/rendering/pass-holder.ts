import type { Pass } from '../passes/pass.entity';
import type { PassHolder } from './pass-json.builder';

/** What a pass's placeholders show. `currency` only where the look shows `{balance}` (it costs a look-up). */
export function holderOf(pass: Pass, currency?: string | null): PassHolder {
  return {
    memberId: pass.memberId,
    memberName: pass.memberName,
    points: pass.points,
    tier: pass.tier,
    serialNumber: pass.serialNumber,
    couponTitle: pass.couponTitle,
    ...(currency ? { balance: { minor: pass.balance, currency } } : {}),
  };
}
