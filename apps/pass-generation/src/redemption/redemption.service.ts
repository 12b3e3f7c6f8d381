import { Inject, Injectable } from '@nestjs/common';
import { DomainError, PassView } from '@wp/contracts';
import { createEvent } from '@wp/events';
import { CONFIG } from '@wp/service-runtime';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GoogleObjectSyncer } from '../google/google-object.syncer';
import { Pass } from '../passes/pass.entity';
import { publishNewVersions } from '../passes/pass-versions';
import { PassesService } from '../passes/passes.service';
import { passView } from '../passes/pass.view';
import type { PassGenerationConfig } from '../tokens';

export interface RedeemOptions {
  /** Given by the client, else the call id (a rerun after a dead replica replays), else random. */
  reference?: string;
  callId?: string;
  scannerId?: string | null;
}

/**
 * Redeeming a pass (spec/API.md §8.7): once. The pass row lock serialises concurrent
 * redeems, so exactly one sees it active; a repeat with that one's reference replays its
 * answer, anything else is a 409. The new version (Wallet shows it as used) and
 * `pass.redeemed` are written in the same transaction.
 */
@Injectable()
export class RedemptionService {
  constructor(
    private readonly db: DataSource,
    private readonly passes: PassesService,
    private readonly googleSync: GoogleObjectSyncer,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
  ) {}

  async redeem(tenantId: string, passId: string, options: RedeemOptions = {}): Promise<PassView> {
    const reference = options.reference ?? options.callId ?? randomUUID();
    const { pass, fresh } = await this.db.transaction(async (tx) => {
      const pass = await this.passes.require(tx, tenantId, passId, true);
      if (pass.status === 'redeemed') {
        if (pass.redemptionReference === reference) return { pass, fresh: false };
        throw new DomainError('conflict', `The pass was already redeemed at ${pass.redeemedAt?.toISOString() ?? 'an earlier time'}`);
      }
      if (pass.status !== 'active') throw new DomainError('conflict', `The pass is ${pass.status}; only an active pass can be redeemed`);
      if (pass.expirationDate && pass.expirationDate.getTime() <= Date.now()) throw new DomainError('conflict', 'The pass has expired; it can no longer be redeemed');
      Object.assign(pass, { status: 'redeemed', redeemedAt: new Date(), redemptionReference: reference });
      await tx.getRepository(Pass).update({ id: pass.id }, { status: pass.status, redeemedAt: pass.redeemedAt, redemptionReference: reference });
      const redeemed = createEvent('pass.redeemed', tenantId, {
        pass_id: pass.id,
        pass_type: pass.passType,
        member_id: pass.memberId,
        coupon_id: pass.couponId,
        transaction_reference: reference,
        scanner_id: options.scannerId ?? null,
      });
      await publishNewVersions(tx, [pass], 'status', [redeemed]);
      return { pass, fresh: true };
    });
    if (fresh) this.googleSync.wake();
    return passView(pass, this.config.PUBLIC_BASE_URL);
  }
}
