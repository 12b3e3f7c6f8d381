import { Inject, Injectable } from '@nestjs/common';
import {
  CallContext,
  DomainError,
  MemberPatterns,
  ScanAction,
  ScanActionDto,
  ScanLookupView,
  ScanResultView,
  ScannedMemberView,
  StoredValuePatterns,
  requireTenant,
} from '@wp/contracts';
import { appendEvent, createEvent } from '@wp/events';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { GoogleObjectSyncer } from '../google/google-object.syncer';
import { Pass } from '../passes/pass.entity';
import { publishNewVersions } from '../passes/pass-versions';
import { passView } from '../passes/pass.view';
import { RedemptionService } from '../redemption/redemption.service';
import { PassStyle } from '../styles/pass-style.entity';
import type { PassGenerationConfig } from '../tokens';
import { findScannedPass } from './scan-lookup';
import { Scan } from './scan.entity';

const DAY_MS = 86_400_000;
const SCAN_REFERENCE_INDEX = 'uq_scans_reference';

/**
 * A till's scanner (spec/API.md §8.7): looks a pass up by what it scanned and acts on it.
 * Each action is idempotent by its reference in the service that owns what it changes
 * (member-data for points and balance, which it changes together in one transaction; this
 * service for the redeem), and the scan itself is recorded, with `pass.scanned`, under the
 * same reference. A retry after a crash between the two therefore replays the change and
 * records the scan once.
 */
@Injectable()
export class ScansService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly redemption: RedemptionService,
    private readonly googleSync: GoogleObjectSyncer,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
  ) {}

  async lookup(ctx: CallContext, code: string): Promise<ScanLookupView> {
    const pass = await findScannedPass(this.db.manager, requireTenant(ctx), code);
    return this.lookupView(pass, await this.member(ctx, pass));
  }

  async act(ctx: CallContext, code: string, dto: ScanActionDto): Promise<ScanResultView> {
    const tenantId = requireTenant(ctx);
    const scannerId = scannerOf(ctx);
    const reference = dto.transaction_reference ?? ctx.callId ?? randomUUID();
    const earlier = await this.db.getRepository(Scan).findOneBy({ tenantId, transactionReference: reference });
    if (earlier) return this.replay(ctx, earlier);

    let pass = await findScannedPass(this.db.manager, tenantId, code);
    let member: ScannedMemberView | null;
    if (dto.action === 'redeem') {
      await this.redemption.redeem(tenantId, pass.id, { reference, scannerId });
      member = await this.member(ctx, pass);
    } else {
      if (pass.status === 'voided') throw new DomainError('conflict', 'The pass is voided');
      const changed = await this.rpc.send(StoredValuePatterns.changeValue, ctx, {
        member_id: pass.memberId,
        ...(dto.points !== undefined ? { points: dto.points } : {}),
        ...(dto.amount !== undefined ? { amount: dto.amount } : {}),
        operation: dto.operation ?? 'add',
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        transaction_reference: reference,
      });
      member = { member_id: changed.member_id, member_name: changed.member_name, points: changed.points, balance: changed.balance, tier: changed.tier };
    }

    let scan: Scan;
    try {
      ({ pass, scan } = await this.record(tenantId, pass.id, scannerId, dto, reference));
    } catch (error) {
      // The same scan raced itself (a retry while the first was still running): the first recorded it.
      const first = isUniqueViolation(error) ? await this.db.getRepository(Scan).findOneBy({ tenantId, transactionReference: reference }) : null;
      if (first) return this.replay(ctx, first);
      throw error;
    }
    return { ...this.lookupView(pass, member), scan_id: scan.id, action: dto.action, transaction_reference: reference, was_duplicate: false };
  }

  /** The scan row and `pass.scanned`, plus the expiry extension the pass's style asks for, in one transaction. */
  private async record(tenantId: string, passId: string, scannerId: string, dto: ScanActionDto, reference: string): Promise<{ pass: Pass; scan: Scan }> {
    const result = await this.db.transaction(async (tx) => {
      const pass = await tx.getRepository(Pass).findOneOrFail({ where: { id: passId, tenantId }, lock: { mode: 'pessimistic_write' } });
      const scan = tx.getRepository(Scan).create({
        id: randomUUID(),
        tenantId,
        passId,
        scannerId,
        action: dto.action,
        points: dto.points ?? null,
        amount: dto.amount ?? null,
        operation: dto.action === 'redeem' ? null : (dto.operation ?? null),
        description: dto.description ?? null,
        transactionReference: reference,
        createdAt: new Date(),
      });
      await tx.getRepository(Scan).insert(scan);
      const extended = await this.extendExpiry(tx, pass, scan.createdAt);
      const scanned = createEvent('pass.scanned', tenantId, { pass_id: pass.id, pass_type: pass.passType, member_id: pass.memberId, scanner_id: scannerId, action: dto.action, scan_id: scan.id });
      if (extended) await publishNewVersions(tx, [pass], 'status', [scanned]);
      else await appendEvent(tx, scanned);
      return { pass, scan, extended };
    });
    if (result.extended) this.googleSync.wake();
    return result;
  }

  /** `extend_on_scan_days` of the pass's style: an expiry sooner than that many days from now moves out to it. */
  private async extendExpiry(tx: EntityManager, pass: Pass, at: Date): Promise<boolean> {
    if (!pass.renderedStyleId || pass.status !== 'active' || !pass.expirationDate) return false;
    const style = await tx.getRepository(PassStyle).findOneBy({ id: pass.renderedStyleId });
    if (!style?.extendOnScanDays) return false;
    const until = new Date(at.getTime() + style.extendOnScanDays * DAY_MS);
    if (pass.expirationDate.getTime() >= until.getTime()) return false;
    pass.expirationDate = until;
    await tx.getRepository(Pass).update({ id: pass.id }, { expirationDate: until });
    return true;
  }

  private async replay(ctx: CallContext, scan: Scan): Promise<ScanResultView> {
    const pass = await this.db.getRepository(Pass).findOneByOrFail({ id: scan.passId });
    return {
      ...this.lookupView(pass, await this.member(ctx, pass)),
      scan_id: scan.id,
      action: scan.action,
      transaction_reference: scan.transactionReference,
      was_duplicate: true,
    };
  }

  /** The member as the till should see it now; null when the member was deleted. */
  private async member(ctx: CallContext, pass: Pass): Promise<ScannedMemberView | null> {
    try {
      const member = await this.rpc.send(MemberPatterns.getSnapshot, ctx, { member_id: pass.memberId });
      if (member.id !== pass.memberUuid) return null;
      return { member_id: member.member_id, member_name: member.member_name, points: member.points, balance: member.balance, tier: member.tier };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    }
  }

  private lookupView(pass: Pass, member: ScannedMemberView | null): ScanLookupView {
    return { pass: passView(pass, this.config.PUBLIC_BASE_URL), member, actions: actionsFor(pass, member) };
  }
}

/** What a till may still do with a pass: redeem an active one; move points and balance of a live member on a pass not voided. */
export function actionsFor(pass: Pick<Pass, 'status' | 'expirationDate'>, member: ScannedMemberView | null, now = new Date()): ScanAction[] {
  const actions: ScanAction[] = [];
  const expired = pass.expirationDate !== null && pass.expirationDate.getTime() <= now.getTime();
  if (pass.status === 'active' && !expired) actions.push('redeem');
  if (member && pass.status !== 'voided') actions.push('points', 'balance');
  return actions;
}

function scannerOf(ctx: CallContext): string {
  if (ctx.actor.kind !== 'scanner') throw new DomainError('forbidden', 'Scanning needs a scanner token (Authorization: Bearer sc_…)');
  return ctx.actor.scannerId;
}

function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && driverError.constraint === SCAN_REFERENCE_INDEX;
}
