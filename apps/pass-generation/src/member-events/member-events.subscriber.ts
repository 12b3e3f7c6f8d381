import { Injectable } from '@nestjs/common';
import { DomainError, DomainEvent, EventOf, MemberPatterns } from '@wp/contracts';
import { EventHandlerMap, EventSubscriber } from '@wp/events';
import { RpcClient } from '@wp/messaging';
import { EntityManager, Not } from 'typeorm';
import { GoogleObjectSyncer } from '../google/google-object.syncer';
import { MemberPassNotifier } from '../member-passes/member-pass.notifier';
import { systemContext } from '../internal/system-context';
import { Pass } from '../passes/pass.entity';
import { publishNewVersions } from '../passes/pass-versions';
import { voidPasses } from '../passes/passes.service';
import { StyleCatalog } from '../styles/style-catalog';

type PointsEvent = EventOf<'member.points_changed'> | EventOf<'member.tier_changed'>;

/**
 * Keeps passes in step with their member (the live-update path): points and tier re-render
 * the passes, choosing the style through the style group again; profile changes update the
 * name and group; a deleted member's passes are voided and the name erased. Each handler runs
 * in the transaction that records the event as processed, so a redelivery changes nothing,
 * and member versions make an older event arriving late a no-op.
 */
@Injectable()
export class MemberEventsSubscriber implements EventSubscriber<'pass-generation'> {
  /** The tenant's styles, read once per transaction: a batch of events shares one. */
  private readonly catalogs = new WeakMap<EntityManager, Map<string, Promise<StyleCatalog>>>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly googleSync: GoogleObjectSyncer,
    private readonly passLists: MemberPassNotifier,
  ) {}

  readonly handlers: EventHandlerMap<'pass-generation'> = {
    'member.points_changed': (event, tx) => this.pointsChanged(event, tx),
    'member.tier_changed': (event, tx) => this.pointsChanged(event, tx),
    'member.balance_changed': (event, tx) => this.balanceChanged(event, tx),
    'member.updated': (event, tx) => this.profileChanged(event, tx),
    'member.deleted': (event, tx) => this.deleted(event, tx),
    // Member-data's copy of the member's pass list: the durable path behind the request path's report.
    'pass.created': (event) => this.passLists.report(event.tenantId, event.data.pass_id, event.id),
    'pass.voided': (event) => this.passLists.report(event.tenantId, event.data.pass_id, event.id),
    'pass.updated': async (event) => {
      if (event.data.cause === 'status') await this.passLists.report(event.tenantId, event.data.pass_id, event.id);
    },
  };

  /**
   * Google objects are written by the syncer from committed versions: woken inside the
   * handler's transaction it would find nothing yet and wait for its next poll.
   */
  afterCommit(events: readonly DomainEvent[]): void {
    if (events.some((event) => event.type.startsWith('member.'))) this.googleSync.wake();
  }

  /**
   * Of a member's points and tier events waiting together, only the newest is applied: each
   * carries the member's whole balance and tier, so one new pass version with the latest state
   * replaces the versions the older ones would have made (the device fetches the latest anyway).
   */
  coalesce(events: readonly DomainEvent[]): DomainEvent[] {
    const newest = new Map<string, PointsEvent>();
    for (const event of events) {
      if (event.type !== 'member.points_changed' && event.type !== 'member.tier_changed') continue;
      const seen = newest.get(event.data.member_uuid);
      if (!seen || event.data.version >= seen.data.version) newest.set(event.data.member_uuid, event);
    }
    return events.filter((event) => (event.type !== 'member.points_changed' && event.type !== 'member.tier_changed') || newest.get(event.data.member_uuid) === event);
  }

  private async pointsChanged(event: PointsEvent, tx: EntityManager): Promise<void> {
    const { data } = event;
    const passes = await this.livePasses(tx, event.tenantId, data.member_uuid);
    const behind = passes.filter((pass) => pass.memberPointsVersion < data.version);
    const before = snapshot(behind);
    for (const pass of behind) {
      pass.points = data.points;
      pass.tier = data.tier;
      pass.memberPointsVersion = data.version;
    }
    await this.rerender(tx, event, behind, (pass) => before.get(pass.id)?.points !== pass.points || before.get(pass.id)?.tier !== pass.tier);
  }

  /** Stored value: every live pass of the member gets it and a new version (its own version order, apart from points). */
  private async balanceChanged(event: EventOf<'member.balance_changed'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    const passes = (await this.livePasses(tx, event.tenantId, data.member_uuid)).filter((pass) => pass.memberBalanceVersion < data.version);
    if (passes.length === 0) return;
    const changed = passes.filter((pass) => pass.balance !== data.balance);
    for (const pass of passes) {
      pass.balance = data.balance;
      pass.memberBalanceVersion = data.version;
    }
    await tx.getRepository(Pass).update(
      passes.map((pass) => pass.id),
      { balance: data.balance, memberBalanceVersion: data.version },
    );
    await publishNewVersions(tx, changed, 'member', [], { event_type: event.type, event_id: event.id });
    if (changed.some((pass) => pass.passType === 'google')) this.googleSync.wake();
  }

  private async profileChanged(event: EventOf<'member.updated'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    const passes = (await this.livePasses(tx, event.tenantId, data.member_uuid)).filter((pass) => pass.memberProfileVersion < data.version);
    if (passes.length === 0) return;
    // Events carry no personal data; the current name is asked for (it is at least this new).
    let memberName: string | null | undefined;
    if (data.changed.includes('member_name')) {
      // A member deleted meanwhile is handled by its own event; any other failure (member-data
      // down) fails the handler, and the event is retried rather than half-applied.
      const snapshot = await this.rpc
        .send(MemberPatterns.getSnapshot, systemContext(event.tenantId, event.id), { member_id: data.member_id })
        .catch((error: unknown) => {
          if (error instanceof DomainError && error.code === 'not_found') return null;
          throw error;
        });
      if (snapshot && snapshot.id === data.member_uuid) memberName = snapshot.member_name;
    }
    const before = snapshot(passes);
    for (const pass of passes) {
      pass.memberStyleGroupId = data.style_group_id;
      if (memberName !== undefined) pass.memberName = memberName;
      pass.memberProfileVersion = data.version;
    }
    await this.rerender(tx, event, passes, (pass) => before.get(pass.id)?.memberName !== pass.memberName);
  }

  private async deleted(event: EventOf<'member.deleted'>, tx: EntityManager): Promise<void> {
    const passes = await tx.getRepository(Pass).find({
      where: { tenantId: event.tenantId, memberUuid: event.data.member_uuid },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (passes.length === 0) return;
    // Erasure: the name leaves the pass rows along with the member.
    await tx.getRepository(Pass).update(passes.map((p) => p.id), { memberName: null });
    for (const pass of passes) pass.memberName = null;
    await voidPasses(tx, passes.filter((pass) => pass.status !== 'voided'), 'member_deleted');
    this.googleSync.wake();
  }

  private catalog(tx: EntityManager, tenantId: string): Promise<StyleCatalog> {
    let byTenant = this.catalogs.get(tx);
    if (!byTenant) this.catalogs.set(tx, (byTenant = new Map()));
    let catalog = byTenant.get(tenantId);
    if (!catalog) byTenant.set(tenantId, (catalog = StyleCatalog.load(tx, tenantId)));
    return catalog;
  }

  private livePasses(tx: EntityManager, tenantId: string, memberUuid: string): Promise<Pass[]> {
    return tx.getRepository(Pass).find({
      where: { tenantId, memberUuid, status: Not('voided') },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * Saves the member columns, picks each pass's style again, and gives a new version to the
   * passes whose look changed (`changed`, or another style).
   */
  private async rerender(tx: EntityManager, event: PointsEvent | EventOf<'member.updated'>, passes: Pass[], changed: (pass: Pass) => boolean): Promise<void> {
    if (passes.length === 0) return;
    const { tenantId } = event;
    const catalog = await this.catalog(tx, tenantId);
    const repo = tx.getRepository(Pass);
    const renewed: Pass[] = [];
    for (const pass of passes) {
      const styleBefore = pass.renderedStyleId;
      pass.renderedStyleId = catalog.resolve(pass)?.id ?? null;
      await repo.update(
        { id: pass.id },
        {
          points: pass.points,
          tier: pass.tier,
          memberName: pass.memberName,
          memberStyleGroupId: pass.memberStyleGroupId,
          memberPointsVersion: pass.memberPointsVersion,
          memberProfileVersion: pass.memberProfileVersion,
          renderedStyleId: pass.renderedStyleId,
        },
      );
      if (changed(pass) || styleBefore !== pass.renderedStyleId) renewed.push(pass);
    }
    await publishNewVersions(tx, renewed, 'member', [], { event_type: event.type, event_id: event.id });
    if (renewed.some((pass) => pass.passType === 'google')) this.googleSync.wake();
  }
}

function snapshot(passes: Pass[]): Map<string, Pick<Pass, 'points' | 'tier' | 'memberName'>> {
  return new Map(passes.map((pass) => [pass.id, { points: pass.points, tier: pass.tier, memberName: pass.memberName }]));
}
