import { Inject, Injectable, Logger } from '@nestjs/common';
import { CallContext, CouponPassPatterns, DomainError, ERROR_STATUS, IssueCouponDto, PassView, requireTenant } from '@wp/contracts';
import { keyedUuid } from '@wp/crypto';
import { appendEvents } from '@wp/events';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { activeMember } from '../members/active-member';
import { Member } from '../members/member.entity';
import { MembershipsService } from '../memberships/memberships.service';
import { tierFor } from '../memberships/programme';
import { appendLedgerRow } from '../points/ledger';
import { pointsEvents } from '../points/points-events';
import type { MemberDataConfig } from '../tokens';
import { CouponIssue } from './coupon-issue.entity';
import { expiryOf } from './coupon-expiry';
import { Coupon } from './coupon.entity';
import { requireCoupon } from './coupons.service';

/**
 * Issuing a coupon to a member (spec/API.md §8.7). Points and stock are member-data's, the
 * pass is pass-generation's, and no transaction spans two services. So:
 *
 * 1. **Purchase** (one local transaction): lock the coupon, then the member; refuse with a 422
 *    (out of stock, too few points, offer ended) before writing anything; otherwise take one
 *    from the stock, deduct the price (ledger `coupon_purchase`, member events) and write a
 *    `pending` issue that fixes the id of the pass it is owed. Fifty concurrent purchases
 *    queue on the coupon's row lock, so neither stock nor points can be overdrawn (and a
 *    check constraint on the stock backs that up).
 * 2. **Pass**: pass-generation makes the pass with that id (idempotent: asked twice, it
 *    answers with the same pass), and the issue becomes `issued`.
 * 3. **Refusal after purchase**: if pass-generation refuses for good (a 4xx, e.g. Google
 *    Wallet not configured), one transaction puts the stock and the points back (ledger
 *    `coupon_refund`) and marks the issue `refunded`; the caller gets that 4xx.
 * 4. **Crash in between**: an issue left `pending` (the process died, or pass-generation did
 *    not answer) is finished by the sweep, which runs step 2 (or 3) again. A retry of the
 *    request with the same Idempotency-Key derives the same issue id and finishes it too.
 *
 * The only states that survive are "nothing happened" (a 422, a rolled-back transaction),
 * "paid and issued", or "refunded"; "paid, pass owed" lasts only until step 2 or the sweep.
 */
@Injectable()
export class CouponIssuesService {
  private readonly logger = new Logger(CouponIssuesService.name);

  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly memberships: MembershipsService,
    @Inject(CONFIG) private readonly config: MemberDataConfig,
  ) {}

  async issue(ctx: CallContext, memberId: string, dto: IssueCouponDto): Promise<PassView> {
    const tenantId = requireTenant(ctx);
    // Keyed on the Idempotency-Key, else on the call id (a rerun after a replica died finds its first purchase).
    const key = ctx.idempotencyKey ?? ctx.callId;
    const id = key ? keyedUuid('coupon-issue', tenantId, key) : randomUUID();
    const earlier = await this.db.getRepository(CouponIssue).findOneBy({ id, tenantId });
    const issue = earlier ?? (await this.purchase(tenantId, memberId, dto, id));
    return this.complete(ctx, issue);
  }

  /** Finishes issues whose pass was never made (their request died between purchase and pass). */
  async sweep(now = new Date()): Promise<number> {
    const stale = await this.db.getRepository(CouponIssue).find({
      where: { state: 'pending', createdAt: LessThan(new Date(now.getTime() - this.config.COUPON_SWEEP_AFTER_MS)) },
      order: { createdAt: 'ASC' },
      take: 100,
    });
    let finished = 0;
    for (const issue of stale) {
      const ctx: CallContext = { requestId: `coupon-sweep:${issue.id}`, tenantId: issue.tenantId, actor: { kind: 'system', service: 'member-data' } };
      try {
        await this.complete(ctx, issue);
        finished++;
      } catch (error) {
        this.logger.warn(`coupon issue ${issue.id} still pending: ${(error as Error).message}`);
      }
    }
    return finished;
  }

  private purchase(tenantId: string, memberId: string, dto: IssueCouponDto, id: string): Promise<CouponIssue> {
    return this.db.transaction(async (tx) => {
      // Always the coupon before the member: every path that takes both takes them in this order.
      const coupon = await requireCoupon(tx, tenantId, dto.coupon_id, true);
      const member = await activeMember(tx, tenantId, memberId, { lock: true });
      const now = new Date();
      if (coupon.expiresAt && coupon.expiresAt.getTime() <= now.getTime()) {
        throw new DomainError('unprocessable', 'coupon_expired: the offer has ended; nothing was changed', [{ field: 'coupon_id', message: 'coupon_expired: the offer ended' }]);
      }
      if (coupon.stock !== null && coupon.issued >= coupon.stock) {
        throw new DomainError('unprocessable', 'out_of_stock: every coupon of this offer was issued; nothing was changed', [
          { field: 'coupon_id', message: `out_of_stock: ${coupon.stock} of ${coupon.stock} issued` },
        ]);
      }
      const price = dto.pay_with_points ? this.price(coupon, member) : 0;

      await tx.update(Coupon, { id: coupon.id }, { issued: coupon.issued + 1 });
      if (price > 0) await this.movePoints(tx, member, -price, 'coupon_purchase', `Coupon: ${coupon.title}`, `coupon:${id}`);

      const issue = tx.create(CouponIssue, {
        id,
        tenantId,
        couponId: coupon.id,
        memberPk: member.id,
        memberId: member.memberId,
        passId: keyedUuid('coupon-pass', tenantId, id),
        passType: dto.pass_type,
        pricePoints: price,
        expirationDate: expiryOf(coupon, dto.expiration_date, now),
        state: 'pending',
        failure: null,
        createdAt: now,
        completedAt: null,
      });
      await tx.insert(CouponIssue, issue);
      return issue;
    });
  }

  private price(coupon: Coupon, member: Member): number {
    if (coupon.pricePoints === null) {
      throw new DomainError('unprocessable', 'This coupon has no price in points; issue it without pay_with_points', [
        { field: 'pay_with_points', message: 'the coupon has no price_points' },
      ]);
    }
    if (member.points < coupon.pricePoints) {
      throw new DomainError('unprocessable', 'insufficient_points: the member has too few points for this coupon; nothing was changed', [
        { field: 'pay_with_points', message: `insufficient_points: ${coupon.pricePoints} needed, ${member.points} available` },
      ]);
    }
    return coupon.pricePoints;
  }

  /** Step 2, or step 3 when pass-generation refuses for good. Safe to run again for the same issue. */
  private async complete(ctx: CallContext, issue: CouponIssue): Promise<PassView> {
    if (issue.state === 'refunded') throw new DomainError('unprocessable', `This coupon issue was refunded: ${issue.failure ?? 'its pass could not be made'}`);
    const coupon = await this.db.getRepository(Coupon).findOneByOrFail({ id: issue.couponId });
    let pass: PassView;
    try {
      pass = await this.rpc.send(CouponPassPatterns.createCouponPass, ctx, {
        pass_id: issue.passId,
        issue_id: issue.id,
        member_id: issue.memberId,
        pass_type: issue.passType,
        coupon: { id: coupon.id, title: coupon.title, description: coupon.description, style_id: coupon.styleId },
        expiration_date: issue.expirationDate ? issue.expirationDate.toISOString() : null,
      });
    } catch (error) {
      if (error instanceof DomainError && isFinalRefusal(error)) {
        await this.refund(issue, error.message);
        throw error;
      }
      // Unknown outcome (a timeout, a dead replica): the issue stays pending and the sweep finishes it.
      throw new DomainError('unavailable', 'The coupon was bought but its pass is not ready yet; retry with the same Idempotency-Key to get it', undefined, 2);
    }
    if (issue.state === 'pending') {
      await this.db.getRepository(CouponIssue).update({ id: issue.id, state: 'pending' }, { state: 'issued', completedAt: new Date() });
    }
    return pass;
  }

  /** Step 3: stock and points back in one transaction, only while the issue is still pending. */
  private async refund(issue: CouponIssue, reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const coupon = await tx.getRepository(Coupon).findOneOrFail({ where: { id: issue.couponId }, lock: { mode: 'pessimistic_write' } });
      const member = await tx.getRepository(Member).findOneOrFail({ where: { id: issue.memberPk }, lock: { mode: 'pessimistic_write' } });
      const current = await tx.getRepository(CouponIssue).findOneOrFail({ where: { id: issue.id }, lock: { mode: 'pessimistic_write' } });
      if (current.state !== 'pending') return;
      await tx.update(Coupon, { id: coupon.id }, { issued: coupon.issued - 1 });
      if (current.pricePoints > 0 && !member.deletedAt) {
        await this.movePoints(tx, member, current.pricePoints, 'coupon_refund', `Refund: ${coupon.title}`, `coupon-refund:${issue.id}`);
      }
      await tx.update(CouponIssue, { id: issue.id }, { state: 'refunded', failure: reason.slice(0, 255), completedAt: new Date() });
      issue.state = 'refunded';
    });
  }

  /** A points change under the member's lock, ledgered and announced like PUT points. */
  private async movePoints(tx: EntityManager, member: Member, delta: number, operation: 'coupon_purchase' | 'coupon_refund', description: string, reference: string): Promise<void> {
    const points = member.points + delta;
    const tier = tierFor(await this.memberships.tiersFor(tx, member.tenantId), points);
    const row = await appendLedgerRow(tx, member, { kind: 'points', delta, balanceAfter: points, tierAfter: tier, operation, description, transactionReference: reference });
    const version = member.version + 1;
    await tx.update(Member, { id: member.id }, { points, tier, version });
    Object.assign(member, { points, tier, version });
    await appendEvents(tx, pointsEvents(member, row, version));
  }
}

/** Refusals that will not change on a retry: the pass can never be made as asked. */
function isFinalRefusal(error: DomainError): boolean {
  const status = ERROR_STATUS[error.code];
  return status >= 400 && status < 500 && error.code !== 'rate_limited';
}
