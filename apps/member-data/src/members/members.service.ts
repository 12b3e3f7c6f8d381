import { Inject, Injectable } from '@nestjs/common';
import {
  CallContext,
  DeletedMemberView,
  DomainError,
  ListMembersQueryDto,
  MemberDetailView,
  MemberField,
  MemberPassesPatterns,
  RecordMemberPasses,
  MemberSnapshot,
  MemberView,
  Page,
  PassPatterns,
  RegisterMemberDto,
  UpdateMemberDto,
  requireTenant,
} from '@wp/contracts';
import { keyedUuid } from '@wp/crypto';
import { escapeLike, pageNewestFirst } from '@wp/database';
import { appendEvent, createEvent } from '@wp/events';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MembershipsService } from '../memberships/memberships.service';
import { tierFor } from '../memberships/programme';
import { lockProgrammeShared } from '../memberships/programme-lock';
import type { MemberDataConfig } from '../tokens';
import { activeMember, isUniqueViolation } from './active-member';
import { Member } from './member.entity';
import { memberSnapshot, memberView } from './member.view';

const EDITABLE: Array<{ field: MemberField; property: 'memberName' | 'memberEmail' | 'phoneNumber' | 'styleGroupId' }> = [
  { field: 'member_name', property: 'memberName' },
  { field: 'member_email', property: 'memberEmail' },
  { field: 'phone_number', property: 'phoneNumber' },
  { field: 'style_group_id', property: 'styleGroupId' },
];

@Injectable()
export class MembersService {
  constructor(
    private readonly db: DataSource,
    private readonly memberships: MembershipsService,
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: MemberDataConfig,
  ) {}

  /**
   * With the request's hashed Idempotency-Key the member's id is derived from it: a retry whose
   * first attempt committed but lost its answer (the gateway died) finds that member and
   * replays it instead of answering 409.
   */
  async register(tenantId: string, dto: RegisterMemberDto, idempotencyKey?: string): Promise<MemberView> {
    const id = idempotencyKey ? keyedUuid('member', tenantId, idempotencyKey) : randomUUID();
    try {
      return await this.db.transaction(async (tx) => {
        await lockProgrammeShared(tx, tenantId);
        const tier = tierFor(await this.memberships.tiersFor(tx, tenantId), 0);
        // insert, never save: a save of an existing id would overwrite that member.
        await tx.insert(Member, {
          id,
          tenantId,
          memberId: dto.member_id,
          memberName: dto.member_name ?? null,
          memberEmail: dto.member_email ?? null,
          phoneNumber: dto.phone_number ?? null,
          styleGroupId: dto.style_group_id?.toLowerCase() ?? null,
          points: 0,
          tier,
          version: 1,
          deletedAt: null,
        });
        const member = await tx.findOneByOrFail(Member, { id });
        await appendEvent(
          tx,
          createEvent('member.created', tenantId, {
            member_id: member.memberId,
            member_uuid: member.id,
            version: member.version,
            points: member.points,
            tier: member.tier,
            style_group_id: member.styleGroupId,
          }),
        );
        return memberView(member);
      });
    } catch (error) {
      const duplicate = (error as { driverError?: { code?: string } }).driverError?.code === '23505';
      const first = idempotencyKey && duplicate ? await this.db.getRepository(Member).findOneBy({ id, tenantId }) : null;
      if (first && !first.deletedAt) return memberView(first);
      if (first || isUniqueViolation(error, 'uq_members_tenant_member')) {
        throw new DomainError('conflict', 'A member with this member_id already exists', [{ field: 'member_id', message: 'is already registered' }]);
      }
      throw error;
    }
  }

  /**
   * A member may only point at a style group of its own tenant: pass-generation owns style
   * groups and answers 404 for unknown and foreign ids alike, which becomes a 404 naming
   * the field (nothing says whether the id exists elsewhere). Asked before register and
   * update open their transaction, so no lock is held across the call.
   */
  async requireStyleGroup(ctx: CallContext, id: string | null | undefined): Promise<void> {
    if (!id) return;
    try {
      await this.rpc.send(PassPatterns.getStyleGroup, ctx, { id: id.toLowerCase() });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') {
        throw new DomainError('not_found', 'Style group not found', [{ field: 'style_group_id', message: 'does not name a style group of this tenant' }]);
      }
      throw error;
    }
  }

  /**
   * The member with its passes. Pass-generation owns passes and reports each member's list
   * here whenever it changes (recordPasses), so this read involves no other service. Only a
   * member never reported (registered before pass lists were kept) asks pass-generation, once.
   */
  async get(ctx: CallContext, memberId: string): Promise<MemberDetailView> {
    const member = await activeMember(this.db.manager, requireTenant(ctx), memberId);
    if (member.passes) return { ...memberView(member), passes: member.passes };
    const passes = await this.rpc.send(MemberPassesPatterns.byMember, ctx, { member_id: member.memberId }, { timeoutMs: this.config.PASSES_RPC_TIMEOUT_MS });
    // '-infinity': any report from pass-generation, whenever it was read, replaces this one.
    await this.db.query(`UPDATE "member"."members" SET "passes" = $1, "passes_as_of" = '-infinity' WHERE "id" = $2 AND "passes_as_of" IS NULL`, [
      JSON.stringify(passes),
      member.id,
    ]);
    return { ...memberView(member), passes };
  }

  /**
   * Stores a member's pass list unless a list read later is stored already. Raw SQL on
   * purpose: the member's updated_at is about its own fields, not about its passes.
   */
  async recordPasses(tenantId: string, record: RecordMemberPasses): Promise<{ recorded: boolean }> {
    const [, count] = (await this.db.query(
      `UPDATE "member"."members" SET "passes" = $1, "passes_as_of" = $2
        WHERE "tenant_id" = $3 AND "id" = $4 AND ("passes_as_of" IS NULL OR "passes_as_of" < $2)`,
      [JSON.stringify(record.passes), record.as_of, tenantId, record.member_uuid],
    )) as [unknown, number];
    return { recorded: count > 0 };
  }

  async snapshot(tenantId: string, memberId: string): Promise<MemberSnapshot> {
    return memberSnapshot(await activeMember(this.db.manager, tenantId, memberId));
  }

  async list(tenantId: string, query: ListMembersQueryDto): Promise<Page<MemberView>> {
    const qb = this.db.getRepository(Member).createQueryBuilder('m').where('m.tenant_id = :tenantId AND m.deleted_at IS NULL', { tenantId });
    if (query.tier !== undefined) qb.andWhere('m.tier = :tier', { tier: query.tier });
    if (query.q !== undefined) {
      // Id prefix, name substring or exact e-mail. Personal fields are plain columns, so
      // nothing is decrypted. No further index: with a name substring in the OR, Postgres
      // walks the tenant's (tenant_id, created_at, id) index newest first and stops at a full
      // page (measured: an id-prefix or e-mail index is never chosen, a trigram index neither),
      // so a hit costs a page's worth of rows and a miss one pass over the tenant's members.
      qb.andWhere(
        `(lower(m.member_id) LIKE :idPrefix OR m.member_name ILIKE :nameInfix OR (m.member_email IS NOT NULL AND lower(m.member_email) = lower(:email)))`,
        { idPrefix: `${escapeLike(query.q.toLowerCase())}%`, nameInfix: `%${escapeLike(query.q)}%`, email: query.q },
      );
    }
    return pageNewestFirst(qb, 'm', query, memberView);
  }

  /** Fields left out stay as they are; `null` clears one. */
  async update(tenantId: string, memberId: string, dto: UpdateMemberDto): Promise<MemberView> {
    return this.db.transaction(async (tx) => {
      const member = await activeMember(tx, tenantId, memberId, { lock: true });
      const changed: MemberField[] = [];
      for (const { field, property } of EDITABLE) {
        const given = dto[field];
        if (given === undefined) continue;
        const value = field === 'style_group_id' && given !== null ? given.toLowerCase() : given;
        if (member[property] === value) continue;
        member[property] = value;
        changed.push(field);
      }
      if (changed.length === 0) return memberView(member);
      member.version += 1;
      const saved = await tx.save(member);
      await appendEvent(
        tx,
        createEvent('member.updated', tenantId, {
          member_id: saved.memberId,
          member_uuid: saved.id,
          version: saved.version,
          changed,
          style_group_id: saved.styleGroupId,
        }),
      );
      return memberView(saved);
    });
  }

  /**
   * Erases the personal fields and leaves a tombstone (the ledger keeps its history). The
   * `member.deleted` event makes pass-generation void the member's passes.
   */
  async delete(tenantId: string, memberId: string): Promise<DeletedMemberView> {
    return this.db.transaction(async (tx) => {
      const member = await activeMember(tx, tenantId, memberId, { lock: true });
      member.memberName = null;
      member.memberEmail = null;
      member.phoneNumber = null;
      member.styleGroupId = null;
      member.deletedAt = new Date();
      member.version += 1;
      const saved = await tx.save(member);
      await appendEvent(tx, createEvent('member.deleted', tenantId, { member_id: saved.memberId, member_uuid: saved.id, version: saved.version }));
      return { id: saved.id, member_id: saved.memberId, deleted_at: (saved.deletedAt ?? new Date()).toISOString() };
    });
  }
}
