import { Injectable } from '@nestjs/common';
import { DeletedView, DomainError, FieldError, Page, PageQueryDto, StyleGroupDto, StyleGroupView } from '@wp/contracts';
import { pageNewestFirst } from '@wp/database';
import { DataSource, EntityManager, In } from 'typeorm';
import { restyleTenant } from '../passes/pass-versions';
import { PassStyle } from '../styles/pass-style.entity';
import { StyleGroup } from './style-group.entity';
import { StyleRule, ruleProblems } from './style-rules';

const view = (group: StyleGroup): StyleGroupView => ({
  id: group.id,
  name: group.name,
  rules: group.rules.map((rule) => ({ ...rule })),
  created_at: group.createdAt.toISOString(),
  updated_at: group.updatedAt.toISOString(),
});

@Injectable()
export class StyleGroupsService {
  constructor(private readonly db: DataSource) {}

  async create(tenantId: string, dto: StyleGroupDto): Promise<StyleGroupView> {
    return this.db.transaction(async (tx) => {
      const rules = await this.checkedRules(tx, tenantId, dto);
      const group = await tx.getRepository(StyleGroup).save(tx.getRepository(StyleGroup).create({ tenantId, name: dto.name, rules }));
      return view(group);
    });
  }

  async list(tenantId: string, query: PageQueryDto): Promise<Page<StyleGroupView>> {
    const qb = this.db.getRepository(StyleGroup).createQueryBuilder('g').where('g.tenant_id = :tenantId', { tenantId });
    return pageNewestFirst(qb, 'g', query, view);
  }

  async get(tenantId: string, id: string): Promise<StyleGroupView> {
    return view(await this.find(this.db.manager, tenantId, id));
  }

  /** Replaces name and rules; passes whose style the new rules change get a new version. */
  async update(tenantId: string, id: string, dto: StyleGroupDto): Promise<StyleGroupView> {
    return this.db.transaction(async (tx) => {
      const group = await this.find(tx, tenantId, id, true);
      group.name = dto.name;
      group.rules = await this.checkedRules(tx, tenantId, dto);
      const saved = await tx.getRepository(StyleGroup).save(group);
      await restyleTenant(tx, tenantId);
      return view(saved);
    });
  }

  async delete(tenantId: string, id: string): Promise<DeletedView> {
    return this.db.transaction(async (tx) => {
      await this.find(tx, tenantId, id, true);
      await tx.getRepository(StyleGroup).delete({ id });
      await tx.query('UPDATE pass.passes SET style_group_id = NULL WHERE tenant_id = $1 AND style_group_id = $2', [tenantId, id]);
      await restyleTenant(tx, tenantId);
      return { id, deleted_at: new Date().toISOString() };
    });
  }

  private async find(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<StyleGroup> {
    const group = await manager.getRepository(StyleGroup).findOne({ where: { tenantId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!group) throw DomainError.notFound('Style group');
    return group;
  }

  /** Rules must name the tenant's own styles and must not overlap (400 naming each bad rule). */
  private async checkedRules(manager: EntityManager, tenantId: string, dto: StyleGroupDto): Promise<StyleRule[]> {
    const rules = dto.rules.map((rule) => ({ pass_style_id: rule.pass_style_id.toLowerCase(), min_points: rule.min_points, max_points: rule.max_points }));
    const ids = [...new Set(rules.map((rule) => rule.pass_style_id))];
    const found = await manager.getRepository(PassStyle).find({ select: { id: true }, where: { tenantId, id: In(ids) } });
    const known = new Set(found.map((style) => style.id));
    const problems: FieldError[] = rules.flatMap((rule, index) =>
      known.has(rule.pass_style_id) ? [] : [{ field: `rules[${index}].pass_style_id`, message: 'is not a pass style of this tenant' }],
    );
    problems.push(...ruleProblems(rules));
    if (problems.length > 0) throw new DomainError('bad_request', 'Validation failed', problems);
    return rules;
  }
}
