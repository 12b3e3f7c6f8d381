import { Injectable } from '@nestjs/common';
import { CallContext, DeletedView, DomainError, FieldError, Page, PageQueryDto, PASS_PLACEHOLDERS, PassFieldDto, PassStyleDto, PassStyleView, requireTenant } from '@wp/contracts';
import { pageNewestFirst } from '@wp/database';
import { RpcClient } from '@wp/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { AssetsService } from '../assets/assets.service';
import { restyleTenant } from '../passes/pass-versions';
import { assertNfcAllowed } from '../rendering/nfc-entitlement';
import { contentOf } from '../rendering/pass-content';
import { kindProblems } from '../rendering/pass-kinds';
import { appleColor, parseBrandColor } from '../rendering/brand-color.normalizer';
import { DEFAULT_BARCODE, DEFAULT_COLORS, FIELD_AREAS, FieldArea, FieldTemplates } from '../rendering/pass-look';
import { unknownPlaceholders } from '../rendering/placeholder.renderer';
import { StyleGroup } from '../style-groups/style-group.entity';
import { PassStyle } from './pass-style.entity';
import { namedAssets, passStyleView } from './pass-style.view';

const DTO_FIELD_LISTS: Record<FieldArea, keyof PassStyleDto> = {
  header: 'header_fields',
  primary: 'primary_fields',
  secondary: 'secondary_fields',
  auxiliary: 'auxiliary_fields',
  back: 'back_fields',
};

@Injectable()
export class PassStylesService {
  constructor(
    private readonly db: DataSource,
    private readonly assets: AssetsService,
    private readonly rpc: RpcClient,
  ) {}

  async create(ctx: CallContext, dto: PassStyleDto): Promise<PassStyleView> {
    const tenantId = requireTenant(ctx);
    const content = styleContent(dto);
    await assertNfcAllowed(this.rpc, ctx, content.content);
    return this.db.transaction(async (tx) => {
      if (dto.is_default) await this.clearDefault(tx, tenantId);
      const style = await tx.getRepository(PassStyle).save(tx.getRepository(PassStyle).create({ tenantId, ...content, isDefault: dto.is_default ?? false }));
      // A new default changes the look of every pass that falls back to the default.
      if (style.isDefault) await restyleTenant(tx, tenantId);
      return this.view(tx, style);
    });
  }

  async list(tenantId: string, query: PageQueryDto): Promise<Page<PassStyleView>> {
    const qb = this.db.getRepository(PassStyle).createQueryBuilder('s').where('s.tenant_id = :tenantId', { tenantId });
    const page = await pageNewestFirst(qb, 's', query, (style) => style);
    const uploaded = await this.assets.existing(this.db.manager, tenantId, page.items.flatMap(namedAssets));
    return { ...page, items: page.items.map((style) => passStyleView(style, uploaded)) };
  }

  async get(tenantId: string, id: string): Promise<PassStyleView> {
    return this.view(this.db.manager, await this.find(this.db.manager, tenantId, id));
  }

  /**
   * Replaces the style; every pass showing it gets a new version (and a push), whatever
   * changed: colours, fields, locations, dates, translations.
   */
  async update(ctx: CallContext, id: string, dto: PassStyleDto): Promise<PassStyleView> {
    const tenantId = requireTenant(ctx);
    const content = styleContent(dto);
    await assertNfcAllowed(this.rpc, ctx, content.content);
    return this.db.transaction(async (tx) => {
      const style = await this.find(tx, tenantId, id, true);
      if (content.kind !== style.kind) await this.assertKindChangeable(tx, style);
      if (dto.is_default && !style.isDefault) await this.clearDefault(tx, tenantId);
      Object.assign(style, content, { isDefault: dto.is_default ?? false });
      const saved = await tx.getRepository(PassStyle).save(style);
      await restyleTenant(tx, tenantId, new Set([id]));
      return this.view(tx, saved);
    });
  }

  async delete(tenantId: string, id: string): Promise<DeletedView> {
    return this.db.transaction(async (tx) => {
      await this.find(tx, tenantId, id, true);
      const groups = await tx.getRepository(StyleGroup).findBy({ tenantId });
      const user = groups.find((group) => group.rules.some((rule) => rule.pass_style_id === id));
      if (user) throw new DomainError('conflict', `The style is used by style group "${user.name}" (${user.id}); change or delete that group first`);
      await tx.getRepository(PassStyle).delete({ id });
      // Passes that showed it, or were created with it, fall back to the next choice.
      await tx.query('UPDATE pass.passes SET pass_style_id = NULL WHERE tenant_id = $1 AND pass_style_id = $2', [tenantId, id]);
      await restyleTenant(tx, tenantId);
      return { id, deleted_at: new Date().toISOString() };
    });
  }

  private async find(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<PassStyle> {
    const style = await manager.getRepository(PassStyle).findOne({ where: { tenantId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!style) throw DomainError.notFound('Pass style');
    return style;
  }

  /**
   * A pass cannot change kind in the wallet: Google keeps each object under its type, and
   * Apple refuses an update that swaps the style key. So a style's kind is fixed once any
   * pass shows it or was created with it.
   */
  private async assertKindChangeable(tx: EntityManager, style: PassStyle): Promise<void> {
    const [{ used }] = (await tx.query(
      'SELECT EXISTS (SELECT 1 FROM pass.passes WHERE tenant_id = $1 AND (rendered_style_id = $2 OR pass_style_id = $2)) AS used',
      [style.tenantId, style.id],
    )) as Array<{ used: boolean }>;
    if (used) throw new DomainError('conflict', `Passes already show this ${style.kind} style, and a pass cannot change kind; create a new style for the other kind`);
  }

  private async clearDefault(tx: EntityManager, tenantId: string): Promise<void> {
    await tx.getRepository(PassStyle).update({ tenantId, isDefault: true }, { isDefault: false });
  }

  private async view(manager: EntityManager, style: PassStyle): Promise<PassStyleView> {
    return passStyleView(style, await this.assets.existing(manager, style.tenantId, namedAssets(style)));
  }
}

/** The stored form of a style body, after the checks class-validator cannot express. */
export function styleContent(dto: PassStyleDto): Pick<PassStyle, 'name' | 'kind' | 'transitType' | 'brandColors' | 'assets' | 'barcode' | 'fields' | 'content' | 'extendOnScanDays'> {
  const kind = dto.kind ?? 'store_card';
  const problems: FieldError[] = kindProblems(kind, dto.transit_type, dto.assets?.apple ?? {}, dto.primary_fields?.length ?? 0);
  const fields = {} as FieldTemplates;
  const keys = new Map<string, string>();
  for (const area of FIELD_AREAS) {
    const list = DTO_FIELD_LISTS[area];
    fields[area] = ((dto[list] as PassFieldDto[] | undefined) ?? []).map((field, index) => {
      const path = `${list}[${index}]`;
      const earlier = keys.get(field.key);
      if (earlier) problems.push({ field: `${path}.key`, message: `"${field.key}" is already the key of ${earlier}; keys must be unique across all fields` });
      keys.set(field.key, path);
      checkPlaceholders(field.value, `${path}.value`, problems);
      if (field.label) checkPlaceholders(field.label, `${path}.label`, problems);
      return { key: field.key, label: field.label ?? null, value: field.value, change_message: field.change_message ?? null };
    });
  }
  const barcode = {
    format: dto.barcode?.format ?? DEFAULT_BARCODE.format,
    message: dto.barcode?.message ?? DEFAULT_BARCODE.message,
    alt_text: dto.barcode ? (dto.barcode.alt_text ?? null) : DEFAULT_BARCODE.altText,
  };
  checkPlaceholders(barcode.message, 'barcode.message', problems);
  if (barcode.alt_text) checkPlaceholders(barcode.alt_text, 'barcode.alt_text', problems);
  const passContent = contentOf(dto);
  problems.push(...passContent.problems);
  if (problems.length > 0) throw new DomainError('bad_request', 'Validation failed', problems);

  const color = (given: string | undefined, fallback: keyof typeof DEFAULT_COLORS) =>
    given !== undefined && parseBrandColor(given) ? given.trim() : appleColor(DEFAULT_COLORS[fallback]);
  return {
    name: dto.name,
    kind,
    transitType: kind === 'boarding_pass' ? (dto.transit_type ?? null) : null,
    brandColors: {
      foreground_color: color(dto.brand_colors?.foreground_color, 'foreground'),
      background_color: color(dto.brand_colors?.background_color, 'background'),
      label_color: color(dto.brand_colors?.label_color, 'label'),
    },
    assets: { apple: { ...dto.assets?.apple }, google: { ...dto.assets?.google } },
    barcode,
    fields,
    content: passContent.content,
    extendOnScanDays: dto.extend_on_scan_days ?? null,
  };
}

function checkPlaceholders(template: string, field: string, problems: FieldError[]): void {
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0) {
    problems.push({ field, message: `uses unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{${n}}`).join(', ')}; known: ${PASS_PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}` });
  }
}

