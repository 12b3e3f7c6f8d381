import { EntityManager } from 'typeorm';
import { StyleGroup } from '../style-groups/style-group.entity';
import { styleForPoints } from '../style-groups/style-rules';
import { PassStyle } from './pass-style.entity';

/** What picks a pass's style: its member's group, its own group, its own style, the tenant default. */
export interface StyleChoice {
  memberStyleGroupId: string | null;
  styleGroupId: string | null;
  passStyleId: string | null;
  points: number;
  /** Coupon passes show their coupon's style (or the built-in coupon look), never a card style of the member's group. */
  couponId?: string | null;
}

/**
 * A tenant's styles and style groups, loaded once for a batch of style decisions. The rule:
 * 1. the member's style group (else the pass's own) when one of its rules holds the points;
 * 2. else the style the pass was created with;
 * 3. else the tenant's default style;
 * 4. else the built-in look (null).
 * A coupon pass takes only its coupon's style, else the built-in coupon look.
 */
export class StyleCatalog {
  private constructor(
    private readonly styles: Map<string, PassStyle>,
    private readonly groups: Map<string, StyleGroup>,
  ) {}

  static async load(manager: EntityManager, tenantId: string): Promise<StyleCatalog> {
    const [styles, groups] = await Promise.all([
      manager.getRepository(PassStyle).findBy({ tenantId }),
      manager.getRepository(StyleGroup).findBy({ tenantId }),
    ]);
    return new StyleCatalog(new Map(styles.map((s) => [s.id, s])), new Map(groups.map((g) => [g.id, g])));
  }

  style(id: string | null): PassStyle | null {
    return (id && this.styles.get(id)) || null;
  }

  get defaultStyle(): PassStyle | null {
    return [...this.styles.values()].find((style) => style.isDefault) ?? null;
  }

  resolve(choice: StyleChoice): PassStyle | null {
    if (choice.couponId) return this.style(choice.passStyleId);
    const group = this.groups.get(choice.memberStyleGroupId ?? '') ?? this.groups.get(choice.styleGroupId ?? '');
    const byRule = group ? this.style(styleForPoints(group.rules, choice.points)) : null;
    return byRule ?? this.style(choice.passStyleId) ?? this.defaultStyle;
  }
}
