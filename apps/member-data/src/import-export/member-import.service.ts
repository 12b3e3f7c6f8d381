import { Injectable } from '@nestjs/common';
import { ApplyImportRowsResult, CallContext, DomainError, DomainEvent, ImportRowCells, ImportRowFailure, requireTenant } from '@wp/contracts';
import { appendEvents, createEvent } from '@wp/events';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../members/active-member';
import { MembersService } from '../members/members.service';
import { MembershipsService } from '../memberships/memberships.service';
import { TierRange, tierFor } from '../memberships/programme';
import { lockProgrammeShared } from '../memberships/programme-lock';
import { ImportRecord, ProfileField, readImportRow } from './import-row';

interface MemberRow {
  id: string;
  member_id: string;
  member_name: string | null;
  member_email: string | null;
  phone_number: string | null;
  style_group_id: string | null;
  points: number;
  tier: string;
  version: number;
}

/** One member as a round leaves it: the values to write and what changed. */
interface Outcome {
  record: ImportRecord;
  before: MemberRow | null;
  after: MemberRow;
  changed: ProfileField[];
  /** The ledger row to append, when the row's balance has not been applied before. */
  reference: string | null;
}

const PROFILE: ReadonlyArray<ProfileField> = ['member_name', 'member_email', 'phone_number', 'style_group_id'];

/**
 * The `set` of an import row is keyed on the member and the row's content (member id and
 * points), so importing the same file again, or re-running a chunk after a crash, finds the
 * reference already in the ledger and changes nothing. The member's internal id makes a
 * member id registered again after a deletion a new member, whose balance the row does set.
 */
export function importReference(memberUuid: string, memberId: string, points: number): string {
  return `import:${createHash('sha256').update(`${memberUuid}\n${memberId}\n${points}`).digest('hex').slice(0, 40)}`;
}

/**
 * Applies the rows of a CSV import chunk by chunk: each chunk is one transaction of a few
 * set-based statements (lock the members it names, insert the new ones, update the others,
 * append the ledger rows, write the events), never a statement per row.
 */
@Injectable()
export class MemberImportService {
  constructor(
    private readonly db: DataSource,
    private readonly members: MembersService,
    private readonly memberships: MembershipsService,
  ) {}

  async apply(ctx: CallContext, rows: readonly ImportRowCells[]): Promise<ApplyImportRowsResult> {
    const tenantId = requireTenant(ctx);
    const failed: ImportRowFailure[] = [];
    let records: ImportRecord[] = [];
    for (const row of rows) {
      const read = readImportRow(row);
      if ('error' in read) failed.push({ index: row.index, code: 'bad_request', message: read.error });
      else records.push(read.record);
    }

    const foreign = await this.unknownStyleGroups(ctx, records);
    if (foreign.size) {
      for (const record of records) {
        const group = record.profile.style_group_id;
        if (group && foreign.has(group)) failed.push({ index: record.index, code: 'not_found', message: 'style_group_id does not name a style group of this tenant' });
      }
      records = records.filter((record) => !foreign.has(record.profile.style_group_id ?? ''));
    }

    if (records.length) {
      try {
        await this.db.transaction(async (tx) => {
          // Shared with registration: a programme replaced meanwhile re-tiers these members after this commits.
          await lockProgrammeShared(tx, tenantId);
          const tiers = await this.memberships.tiersFor(tx, tenantId);
          for (const round of rounds(records)) await this.applyRound(tx, tenantId, tiers, round);
        });
      } catch (error) {
        // Another request registered one of these member ids while this chunk ran: nothing of
        // the chunk was applied, and its retry finds the member and updates it.
        if (isUniqueViolation(error, 'uq_members_tenant_member')) throw new DomainError('unavailable', 'A member of this chunk was registered meanwhile; retry', undefined, 1);
        throw error;
      }
    }
    return { failed: failed.sort((a, b) => a.index - b.index) };
  }

  /** Style groups the rows name that are not the tenant's (pass-generation owns them): asked once per distinct id. */
  private async unknownStyleGroups(ctx: CallContext, records: readonly ImportRecord[]): Promise<Set<string>> {
    const ids = new Set(records.map((record) => record.profile.style_group_id).filter((id): id is string => !!id));
    const unknown = new Set<string>();
    for (const id of ids) {
      try {
        await this.members.requireStyleGroup(ctx, id);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
        unknown.add(id);
      }
    }
    return unknown;
  }

  /** A round names each member at most once, so every statement touches a row once. */
  private async applyRound(tx: EntityManager, tenantId: string, tiers: readonly TierRange[], records: readonly ImportRecord[]): Promise<void> {
    // Locked in id order, as every chunk does it, so two chunks naming the same members queue instead of deadlocking.
    const existing = (await tx.query(
      `SELECT id, member_id, member_name, member_email, phone_number, style_group_id, points, tier, version
         FROM member.members WHERE tenant_id = $1 AND member_id = ANY($2::varchar[]) AND deleted_at IS NULL
        ORDER BY id FOR UPDATE`,
      [tenantId, records.map((record) => record.memberId)],
    )) as MemberRow[];
    const byMemberId = new Map(existing.map((row) => [row.member_id, row]));

    const candidates = records.map((record) => {
      const before = byMemberId.get(record.memberId) ?? null;
      const id = before?.id ?? randomUUID();
      return { record, before, id, reference: record.points === undefined ? null : importReference(id, record.memberId, record.points) };
    });
    const known = (await tx.query(`SELECT transaction_reference FROM member.point_transactions WHERE tenant_id = $1 AND kind = 'points' AND transaction_reference = ANY($2::varchar[])`, [
      tenantId,
      candidates.filter((c) => c.before && c.reference).map((c) => c.reference),
    ])) as Array<{ transaction_reference: string }>;
    const applied = new Set(known.map((row) => row.transaction_reference));

    const outcomes: Outcome[] = candidates.map(({ record, before, id, reference }) => {
      const fresh = reference !== null && !applied.has(reference);
      const points = fresh && record.points !== undefined ? record.points : (before?.points ?? 0);
      const after: MemberRow = {
        id,
        member_id: record.memberId,
        member_name: before?.member_name ?? null,
        member_email: before?.member_email ?? null,
        phone_number: before?.phone_number ?? null,
        style_group_id: before?.style_group_id ?? null,
        points,
        tier: tierFor(tiers, points),
        version: before?.version ?? 1,
      };
      const changed: ProfileField[] = [];
      for (const field of PROFILE) {
        const value = record.profile[field];
        if (value === undefined || value === after[field]) continue;
        after[field] = value;
        changed.push(field);
      }
      return { record, before, after, changed, reference: fresh ? reference : null };
    });

    const created = outcomes.filter((o) => !o.before);
    const updated = outcomes.filter((o) => o.before && (o.changed.length || o.after.points !== o.before.points || o.after.tier !== o.before.tier));
    const events: DomainEvent[] = [];
    for (const o of updated) events.push(...this.updateEvents(tenantId, o));
    for (const o of created) {
      events.push(
        createEvent('member.created', tenantId, {
          member_id: o.after.member_id,
          member_uuid: o.after.id,
          version: o.after.version,
          points: o.after.points,
          tier: o.after.tier,
          style_group_id: o.after.style_group_id,
        }),
      );
    }

    if (created.length) {
      await tx.query(
        `INSERT INTO member.members (id, tenant_id, member_id, member_name, member_email, phone_number, style_group_id, points, tier, version)
         SELECT v.id, $1, v.member_id, v.member_name, v.member_email, v.phone_number, v.style_group_id, v.points, v.tier, 1
           FROM unnest($2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::uuid[], $8::int[], $9::varchar[])
             AS v(id, member_id, member_name, member_email, phone_number, style_group_id, points, tier)`,
        [tenantId, ...columns(created.map((o) => o.after), ['id', 'member_id', 'member_name', 'member_email', 'phone_number', 'style_group_id', 'points', 'tier'])],
      );
    }
    if (updated.length) {
      await tx.query(
        `UPDATE member.members AS m
            SET member_name = v.member_name, member_email = v.member_email, phone_number = v.phone_number, style_group_id = v.style_group_id,
                points = v.points, tier = v.tier, version = v.version, updated_at = now()
           FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::uuid[], $6::int[], $7::varchar[], $8::int[])
             AS v(id, member_name, member_email, phone_number, style_group_id, points, tier, version)
          WHERE m.id = v.id`,
        columns(
          updated.map((o) => o.after),
          ['id', 'member_name', 'member_email', 'phone_number', 'style_group_id', 'points', 'tier', 'version'],
        ),
      );
    }
    const ledger = outcomes.filter((o) => o.reference);
    if (ledger.length) {
      const lowest = tierFor(tiers, 0);
      // ON CONFLICT: a reference written by a concurrent run of this chunk is that run's; ours adds nothing.
      await tx.query(
        `INSERT INTO member.point_transactions
           (id, tenant_id, member_pk, delta, balance_after, tier_before, tier_after, operation, description, transaction_reference, created_at)
         SELECT gen_random_uuid(), $1, v.member_pk, v.delta, v.balance_after, v.tier_before, v.tier_after, 'set', v.description, v.reference, clock_timestamp()
           FROM unnest($2::uuid[], $3::int[], $4::int[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[])
             AS v(member_pk, delta, balance_after, tier_before, tier_after, description, reference)
         ON CONFLICT (tenant_id, kind, transaction_reference) DO NOTHING`,
        [
          tenantId,
          ledger.map((o) => o.after.id),
          ledger.map((o) => o.after.points - (o.before?.points ?? 0)),
          ledger.map((o) => o.after.points),
          ledger.map((o) => o.before?.tier ?? lowest),
          ledger.map((o) => o.after.tier),
          ledger.map((o) => `CSV import, line ${o.record.line}`),
          ledger.map((o) => o.reference),
        ],
      );
    }
    await appendEvents(tx, events);
  }

  /** What PATCH and PUT points would have written: one version per kind of change, so no consumer drops the second. */
  private updateEvents(tenantId: string, o: Outcome): DomainEvent[] {
    const before = o.before as MemberRow;
    const events: DomainEvent[] = [];
    let version = before.version;
    const ref = () => ({ member_id: before.member_id, member_uuid: before.id, version });
    if (o.changed.length) {
      version += 1;
      events.push(createEvent('member.updated', tenantId, { ...ref(), changed: o.changed, style_group_id: o.after.style_group_id }));
    }
    if (o.after.points !== before.points || o.after.tier !== before.tier) {
      version += 1;
      if (o.after.points !== before.points) {
        events.push(
          createEvent('member.points_changed', tenantId, {
            ...ref(),
            points: o.after.points,
            previous_points: before.points,
            delta: o.after.points - before.points,
            tier: o.after.tier,
            previous_tier: before.tier,
            operation: 'set',
            transaction_reference: o.reference as string,
          }),
        );
      }
      if (o.after.tier !== before.tier) {
        events.push(createEvent('member.tier_changed', tenantId, { ...ref(), tier: o.after.tier, previous_tier: before.tier, points: o.after.points, reason: 'points' }));
      }
    }
    o.after.version = version;
    return events;
  }
}

/**
 * Splits rows into rounds in file order, a member id at most once per round: a member listed
 * twice in one chunk gets both rows applied, the later last, as if imported one by one.
 */
function rounds(records: readonly ImportRecord[]): ImportRecord[][] {
  const result: ImportRecord[][] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const round = seen.get(record.memberId) ?? 0;
    seen.set(record.memberId, round + 1);
    (result[round] ??= []).push(record);
  }
  return result;
}

/** Rows as one array per column, for unnest(). */
function columns<K extends keyof MemberRow>(rows: readonly MemberRow[], keys: readonly K[]): Array<Array<MemberRow[K]>> {
  return keys.map((key) => rows.map((row) => row[key]));
}
