import { Inject, Injectable } from '@nestjs/common';
import {
  CallContext,
  CreatePassBundleDto,
  CreatePassFromMemberDto,
  DeletedView,
  DistributionChannel,
  DomainError,
  ListPassesQueryDto,
  MemberPatterns,
  Page,
  PassDownload,
  PassFile,
  PassView,
  UpdatePassDto,
  requireTenant,
} from '@wp/contracts';
import { keyedUuid } from '@wp/crypto';
import { appendEvent, createEvent } from '@wp/events';
import { pageNewestFirst } from '@wp/database';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { createPkpasses } from '@wp/pkpass';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { UPDATE_TAG_SEQUENCE } from '../database';
import { GoogleObjectSyncer } from '../google/google-object.syncer';
import { GOOGLE_OBJECT_TYPE, GoogleAccount, GooglePassService } from '../google/google-pass.service';
import { assertNfcAllowed } from '../rendering/nfc-entitlement';
import { contentOf } from '../rendering/pass-content';
import { PassSignersService, ResolvedSigner } from '../signing/pass-signers.service';
import { StyleGroup } from '../style-groups/style-group.entity';
import { PassStyle } from '../styles/pass-style.entity';
import { StyleCatalog } from '../styles/style-catalog';
import { lookOfPass, lookOfStyle } from '../styles/style-look';
import type { PassGenerationConfig } from '../tokens';
import { PassBundlesService } from './pass-bundles.service';
import { Pass } from './pass.entity';
import { recordDistribution } from './pass-distribution';
import { currentRequestId, recordTrace } from '../trace/trace-recorder';
import { publishNewVersions } from './pass-versions';
import { barcodeMessageOf } from './barcode-message';
import { passCodeCondition } from './pass-code.matcher';
import { passView } from './pass.view';

/** The id (or the serial number, which is the id) exists: a retry raced its own first attempt (see CreatePassOptions.idempotencyKey). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Work that must commit or roll back together with a pass change (a batch marks its operation done). */
export type InSameTransaction = (tx: EntityManager, pass: Pass) => Promise<void>;

export interface CreatePassOptions {
  channel?: DistributionChannel;
  inSameTransaction?: InSameTransaction;
  /** Resolved once for many creates of one tenant (a batch chunk) instead of once per pass. */
  shared?: SharedCreateContext;
  /**
   * The request's hashed Idempotency-Key (`ctx.idempotencyKey`): the pass id is derived from
   * it, so a retry whose first attempt committed but lost its answer (the gateway died) gets
   * that pass back instead of a second one.
   */
  idempotencyKey?: string;
  /**
   * A fixed id, chosen by the caller before it asked (a coupon issue owes this pass): asked
   * again, the pass that exists is the answer.
   */
  passId?: string;
  /** Makes a coupon pass: it shows the coupon (its style or the built-in coupon look). */
  coupon?: { id: string; title: string };
  expirationDate?: Date | null;
}

export interface SharedCreateContext {
  catalog?: StyleCatalog;
  appleSigner?: ResolvedSigner;
}

export interface ChangePassOptions {
  inSameTransaction?: InSameTransaction;
}

@Injectable()
export class PassesService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly signers: PassSignersService,
    private readonly bundles: PassBundlesService,
    private readonly google: GooglePassService,
    private readonly googleSync: GoogleObjectSyncer,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
  ) {}

  /** A new pass for a member: styled by group, pass style or default, signed on first download. */
  async createFromMember(ctx: CallContext, dto: CreatePassFromMemberDto, options: CreatePassOptions = {}): Promise<PassView> {
    const pass = await this.create(ctx, dto, { ...options, idempotencyKey: ctx.idempotencyKey });
    return passView(pass, this.config.PUBLIC_BASE_URL);
  }

  async create(ctx: CallContext, dto: CreatePassFromMemberDto, options: CreatePassOptions = {}): Promise<Pass> {
    const tenantId = requireTenant(ctx);
    // Everything is checked before anything is written: a refused body leaves no trace.
    const { content, problems } = contentOf(dto);
    if (problems.length > 0) throw new DomainError('bad_request', 'Validation failed', problems);
    const id = options.passId ?? (options.idempotencyKey ? keyedUuid('pass', tenantId, options.idempotencyKey) : randomUUID());
    const fixedId = Boolean(options.passId ?? options.idempotencyKey);
    if (fixedId) {
      const first = await this.db.getRepository(Pass).findOneBy({ id, tenantId });
      if (first) return first;
    }
    await this.assertReferences(tenantId, dto);
    await assertNfcAllowed(this.rpc, ctx, content);
    const member = await this.rpc.send(MemberPatterns.getSnapshot, ctx, { member_id: dto.member_id });
    const draft = this.db.getRepository(Pass).create({
      id,
      tenantId,
      passType: dto.pass_type,
      status: 'active',
      // The pass id doubles as Apple's serial number: unique, and never reused.
      serialNumber: id,
      authenticationToken: randomBytes(24).toString('base64url'),
      companyName: dto.company_name,
      memberId: member.member_id,
      memberUuid: member.id,
      memberName: member.member_name,
      points: member.points,
      tier: member.tier,
      balance: member.balance,
      memberStyleGroupId: member.style_group_id,
      memberPointsVersion: member.version,
      memberProfileVersion: member.version,
      memberBalanceVersion: member.version,
      couponId: options.coupon?.id ?? null,
      couponTitle: options.coupon?.title ?? null,
      redeemedAt: null,
      redemptionReference: null,
      styleGroupId: dto.style_group_id?.toLowerCase() ?? null,
      passStyleId: dto.pass_style_id?.toLowerCase() ?? null,
      externalId: dto.external_id ?? null,
      tags: dto.tags ?? [],
      content,
      channel: options.channel ?? 'api',
      expirationDate: options.expirationDate ?? null,
      version: 1,
      deletedAt: null,
      googleSyncedVersion: 0,
      googleSyncAfter: null,
      passTypeIdentifier: null,
      teamIdentifier: null,
      googleClassId: null,
      googleObjectId: null,
      googleSaveUrl: null,
    });
    const catalog = options.shared?.catalog ?? (await StyleCatalog.load(this.db.manager, tenantId));
    const style = catalog.resolve(draft);
    draft.renderedStyleId = style?.id ?? null;
    // The kind is fixed for the life of the pass: a coupon pass is a coupon, others take their first style's.
    draft.kind = draft.couponId ? 'coupon' : (style?.kind ?? 'store_card');
    draft.barcodeMessage = barcodeMessageOf(draft, style);

    let google: GoogleAccount | null = null;
    if (dto.pass_type === 'apple') {
      const { identity, signing } = options.shared?.appleSigner ?? (await this.signers.forNewPass(ctx));
      Object.assign(draft, { passTypeIdentifier: identity.passTypeIdentifier, teamIdentifier: identity.teamIdentifier, signing });
    } else {
      google = await this.google.requireAccount(ctx);
      // The class goes to Google first, so the save link only references it and stays short.
      const type = GOOGLE_OBJECT_TYPE[draft.kind];
      const walletClass = await this.google.walletClass(ctx, tenantId, google, lookOfStyle(catalog.defaultStyle), draft.kind);
      const classInserted = await this.google.ensureClass(tenantId, google, walletClass, type);
      const lean = this.google.walletObject(draft, google, walletClass.id as string, lookOfPass(draft, style), true);
      Object.assign(draft, {
        signing: 'production',
        googleClassId: walletClass.id,
        googleObjectId: this.google.objectId(google, draft),
        googleSaveUrl: this.google.saveUrl(google, walletClass, lean, classInserted, type),
      });
    }

    const pass = await this.db.transaction(async (tx) => {
      const [{ tag }] = (await tx.query(`SELECT nextval('${UPDATE_TAG_SEQUENCE}') AS tag`)) as Array<{ tag: string }>;
      // insert, never save: a save of an id that exists (the first attempt committed meanwhile)
      // would overwrite that pass; the insert fails on the primary key instead.
      await tx.getRepository(Pass).insert({ ...draft, updateTag: tag, updatedAt: new Date() });
      const saved = await tx.getRepository(Pass).findOneByOrFail({ id });
      const created = createEvent('pass.created', tenantId, { pass_id: saved.id, pass_type: saved.passType, member_id: saved.memberId, serial_number: saved.serialNumber, channel: saved.channel });
      await appendEvent(tx, created);
      const requestId = currentRequestId();
      const cause = { event_type: created.type, event_id: created.id, ...(requestId ? { request_id: requestId } : {}) };
      await recordTrace(tx, [{ tenantId, passId: saved.id, kind: 'version_created', detail: { version: saved.version, cause } }]);
      await options.inSameTransaction?.(tx, saved);
      return saved;
    }).catch(async (error: unknown) => {
      const first = fixedId && isUniqueViolation(error) ? await this.db.getRepository(Pass).findOneBy({ id, tenantId }) : null;
      if (first) return first;
      throw error;
    });
    // Insert the object now so later patches find it even before the member saves the pass;
    // if Google is slow or down, the syncer keeps trying.
    if (google) await this.googleSync.sync(pass.id).catch(() => false);
    return this.require(this.db.manager, tenantId, pass.id);
  }

  /**
   * The tenant's passes, filtered (spec/API.md §8.7): `tag`, `email` (the member's, asked of
   * member-data, which owns members) and `code` (serial or barcode message) find passes the
   * way a till or a support desk would. Every filter stays inside the tenant.
   */
  async list(ctx: CallContext, query: ListPassesQueryDto): Promise<Page<PassView>> {
    const tenantId = requireTenant(ctx);
    const qb = this.db.getRepository(Pass).createQueryBuilder('p').where('p.tenant_id = :tenantId', { tenantId }).andWhere('p.deleted_at IS NULL');
    if (query.member_id) qb.andWhere('p.member_id = :memberId', { memberId: query.member_id });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.pass_type) qb.andWhere('p.pass_type = :passType', { passType: query.pass_type });
    if (query.tag) qb.andWhere('p.tags @> ARRAY[CAST(:tag AS text)]', { tag: query.tag });
    if (query.email) {
      const { member_uuids } = await this.rpc.send(MemberPatterns.findIdsByEmail, ctx, { member_email: query.email });
      if (member_uuids.length === 0) qb.andWhere('false');
      else qb.andWhere('p.member_uuid IN (:...memberUuids)', { memberUuids: member_uuids });
    }
    if (query.code) {
      const styles = await this.db.getRepository(PassStyle).find({ select: { id: true, barcode: true }, where: { tenantId } });
      const condition = passCodeCondition(styles, query.code);
      qb.andWhere(condition.sql, condition.params);
    }
    return pageNewestFirst(qb, 'p', query, (pass) => passView(pass, this.config.PUBLIC_BASE_URL));
  }

  async get(tenantId: string, passId: string): Promise<PassView> {
    return passView(await this.require(this.db.manager, tenantId, passId), this.config.PUBLIC_BASE_URL);
  }

  /**
   * Status and expiry: a new version either way. Apple shows blocked and redeemed passes as
   * voided and expired ones with an expirationDate (now, unless one is given); Google gets the
   * matching object state. A voided pass is final.
   */
  async update(tenantId: string, passId: string, dto: UpdatePassDto, options: ChangePassOptions = {}): Promise<PassView> {
    if (dto.status === undefined && dto.expiration_date === undefined && dto.tags === undefined) {
      throw DomainError.invalid('status', 'send status, expiration_date, tags or any of them');
    }
    const pass = await this.db.transaction(async (tx) => {
      const pass = await this.require(tx, tenantId, passId, true);
      // Tags are the tenant's own labels, never on the pass itself: no new version for them.
      if (dto.tags !== undefined) {
        pass.tags = dto.tags;
        await tx.getRepository(Pass).update({ id: pass.id }, { tags: pass.tags });
      }
      if (dto.status === undefined && dto.expiration_date === undefined) {
        await options.inSameTransaction?.(tx, pass);
        return pass;
      }
      if (pass.status === 'voided') throw new DomainError('conflict', 'The pass is voided; a voided pass cannot change');
      if (dto.status !== undefined) pass.status = dto.status;
      if (dto.expiration_date !== undefined) pass.expirationDate = dto.expiration_date === null ? null : new Date(dto.expiration_date);
      if (dto.status === 'expired' && !pass.expirationDate) pass.expirationDate = new Date();
      // Reactivating a pass whose expiry has passed: the old date would keep Wallet showing it expired.
      if (dto.status === 'active' && dto.expiration_date === undefined && pass.expirationDate && pass.expirationDate.getTime() <= Date.now()) {
        pass.expirationDate = null;
      }
      await tx.getRepository(Pass).update({ id: pass.id }, { status: pass.status, expirationDate: pass.expirationDate });
      await publishNewVersions(tx, [pass], 'status');
      await options.inSameTransaction?.(tx, pass);
      return pass;
    });
    this.googleSync.wake();
    return passView(pass, this.config.PUBLIC_BASE_URL);
  }

  async void(tenantId: string, passId: string, options: ChangePassOptions = {}): Promise<PassView> {
    const pass = await this.db.transaction(async (tx) => {
      const pass = await this.require(tx, tenantId, passId, true);
      if (pass.status !== 'voided') await voidPasses(tx, [pass], 'requested');
      await options.inSameTransaction?.(tx, pass);
      return pass;
    });
    this.googleSync.wake();
    return passView(pass, this.config.PUBLIC_BASE_URL);
  }

  /**
   * Removes the pass from the API. Wallets holding it get a final, voided version: the row
   * stays so the Apple web service can still serve that version to devices.
   */
  async delete(tenantId: string, passId: string): Promise<DeletedView> {
    const deletedAt = await this.db.transaction(async (tx) => {
      const pass = await this.require(tx, tenantId, passId, true);
      if (pass.status !== 'voided') await voidPasses(tx, [pass], 'requested');
      const now = new Date();
      await tx.getRepository(Pass).update({ id: pass.id }, { deletedAt: now });
      return now;
    });
    this.googleSync.wake();
    return { id: passId, deleted_at: deletedAt.toISOString() };
  }

  /** Apple: the signed bundle of the current version. Google: where to save it. */
  async download(ctx: CallContext, passId: string): Promise<PassDownload> {
    const pass = await this.require(this.db.manager, requireTenant(ctx), passId);
    if (pass.passType === 'google') {
      await this.google.requireAccount(ctx);
      if (!pass.googleSaveUrl) throw new DomainError('unprocessable', 'This Google pass has no save link');
      return { kind: 'redirect', location: pass.googleSaveUrl };
    }
    const bytes = await this.bundles.signed(ctx, pass);
    await recordDistribution(this.db.manager, pass.id, 'api');
    return { kind: 'file', filename: `pass-${pass.id}.pkpass`, content_type: 'application/vnd.apple.pkpass', body_base64: bytes.toString('base64'), last_modified: pass.updatedAt.toISOString() };
  }

  /**
   * Several Apple passes as one `.pkpasses` file (spec/API.md §8.5): each entry the signed
   * .pkpass of the pass's current version, valid on its own, in the order asked. An unknown
   * or foreign id is a 404 naming it; a Google pass is a 400 naming it.
   */
  async bundle(ctx: CallContext, dto: CreatePassBundleDto): Promise<PassFile> {
    const tenantId = requireTenant(ctx);
    const ids = dto.pass_ids.map((id) => id.toLowerCase());
    const found = await this.db.getRepository(Pass).findBy({ tenantId, id: In(ids.filter((id) => UUID.test(id))), deletedAt: IsNull() });
    const byId = new Map(found.map((pass) => [pass.id, pass]));
    const missing = dto.pass_ids.filter((_, i) => !byId.has(ids[i]));
    if (missing.length > 0) {
      const errors = dto.pass_ids.flatMap((given, i) => (byId.has(ids[i]) ? [] : [{ field: `pass_ids.${i}`, message: `no pass ${given} in this account` }]));
      throw new DomainError('not_found', `Pass${missing.length > 1 ? 'es' : ''} not found: ${missing.join(', ')}`, errors);
    }
    const google = dto.pass_ids.filter((_, i) => byId.get(ids[i])?.passType === 'google');
    if (google.length > 0) {
      const errors = dto.pass_ids.flatMap((given, i) =>
        byId.get(ids[i])?.passType === 'google' ? [{ field: `pass_ids.${i}`, message: `${given} is a Google pass; a .pkpasses bundle holds Apple passes only` }] : [],
      );
      throw new DomainError('bad_request', `Only Apple passes can be bundled; ${google.join(', ')} ${google.length > 1 ? 'are Google passes' : 'is a Google pass'}`, errors);
    }

    const passes = ids.map((id) => byId.get(id) as Pass);
    const signed = await Promise.all(passes.map((pass) => this.bundles.signed(ctx, pass)));
    for (const pass of passes) await recordDistribution(this.db.manager, pass.id, 'api');
    const bytes = createPkpasses(passes.map((pass, i) => ({ filename: `pass-${pass.id}.pkpass`, pkpass: signed[i] })));
    return { filename: 'passes.pkpasses', content_type: 'application/vnd.apple.pkpasses', body_base64: bytes.toString('base64') };
  }

  async require(manager: EntityManager, tenantId: string, passId: string, lock = false): Promise<Pass> {
    if (!UUID.test(passId)) throw DomainError.notFound('Pass');
    const pass = await manager.getRepository(Pass).findOne({
      where: { tenantId, id: passId, deletedAt: IsNull() },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!pass) throw DomainError.notFound('Pass');
    return pass;
  }

  private async assertReferences(tenantId: string, dto: CreatePassFromMemberDto): Promise<void> {
    if (dto.pass_style_id && !(await this.db.getRepository(PassStyle).existsBy({ tenantId, id: dto.pass_style_id.toLowerCase() }))) {
      throw DomainError.notFound('Pass style');
    }
    if (dto.style_group_id && !(await this.db.getRepository(StyleGroup).existsBy({ tenantId, id: dto.style_group_id.toLowerCase() }))) {
      throw DomainError.notFound('Style group');
    }
  }
}

/** Voids passes (a new, final version each) with a `pass.voided` event per pass. */
export async function voidPasses(tx: EntityManager, passes: Pass[], reason: 'requested' | 'member_deleted'): Promise<void> {
  for (const pass of passes) pass.status = 'voided';
  if (passes.length === 0) return;
  await tx.getRepository(Pass).update(passes.map((p) => p.id), { status: 'voided' });
  const voided = passes.map((pass) => createEvent('pass.voided', pass.tenantId, { pass_id: pass.id, pass_type: pass.passType, member_id: pass.memberId, reason }));
  await publishNewVersions(tx, passes, 'status', voided);
}

