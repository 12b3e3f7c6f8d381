import { Inject, Injectable } from '@nestjs/common';
import { BrandLook, CallContext, DistributionChannel, DomainError, HostedPassModel, PassFile, PassSummary, PassType, TenantPatterns, requireTenant } from '@wp/contracts';
import { builtInImages } from '@wp/pkpass';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, IsNull } from 'typeorm';
import { Asset } from '../assets/asset.entity';
import { GooglePassService } from '../google/google-pass.service';
import { PassBundlesService } from '../passes/pass-bundles.service';
import { Pass, Signing } from '../passes/pass.entity';
import { recordDistribution } from '../passes/pass-distribution';
import { passSummary } from '../passes/pass.view';
import { PassesService } from '../passes/passes.service';
import { googleColor } from '../rendering/brand-color.normalizer';
import { PassStyle } from '../styles/pass-style.entity';
import { StyleCatalog } from '../styles/style-catalog';
import { lookOfPass, lookOfStyle } from '../styles/style-look';
import type { PassGenerationConfig } from '../tokens';

/** What notification/distribution asks of passes (libs/contracts pass-internal.patterns). */
@Injectable()
export class PassInternalService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly passes: PassesService,
    private readonly bundles: PassBundlesService,
    private readonly google: GooglePassService,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
  ) {}

  async getPass(ctx: CallContext, passId: string): Promise<PassSummary> {
    return passSummary(await this.passes.require(this.db.manager, requireTenant(ctx), passId), this.config.PUBLIC_BASE_URL);
  }

  /** The member's newest active pass of that type, created (under the tenant's name) when there is none. */
  async ensureMemberPass(ctx: CallContext, memberId: string, passType: PassType, channel: DistributionChannel): Promise<PassSummary> {
    const existing = await this.activePass(requireTenant(ctx), memberId, passType);
    if (existing) return passSummary(existing, this.config.PUBLIC_BASE_URL);
    const profile = await this.rpc.send(TenantPatterns.getTenantProfile, ctx, {});
    const created = await this.passes.create(ctx, { member_id: memberId, pass_type: passType, company_name: profile.companyName }, { channel });
    return passSummary(created, this.config.PUBLIC_BASE_URL);
  }

  async appleBundle(ctx: CallContext, passId: string, channel: DistributionChannel): Promise<PassFile> {
    const pass = await this.passes.require(this.db.manager, requireTenant(ctx), passId);
    if (pass.passType !== 'apple') throw new DomainError('unprocessable', 'This is a Google pass; it has no .pkpass');
    const bytes = await this.bundles.signed(ctx, pass);
    await recordDistribution(this.db.manager, pass.id, channel);
    return { filename: `pass-${pass.id}.pkpass`, content_type: 'application/vnd.apple.pkpass', body_base64: bytes.toString('base64') };
  }

  /** The hosted Add to Wallet page: the pass's look and both wallets' links for its member. */
  async hostedPage(ctx: CallContext, passId: string): Promise<HostedPassModel> {
    const tenantId = requireTenant(ctx);
    const pass = await this.passes.require(this.db.manager, tenantId, passId);
    const style = pass.renderedStyleId ? await this.db.getRepository(PassStyle).findOneBy({ id: pass.renderedStyleId, tenantId }) : null;
    const look = lookOfPass(pass, style);
    return {
      pass_id: pass.id,
      company_name: pass.companyName,
      member_id: pass.memberId,
      member_name: pass.memberName,
      points: pass.points,
      tier: pass.tier,
      status: pass.status,
      colors: { background: googleColor(look.colors.background), foreground: googleColor(look.colors.foreground), label: googleColor(look.colors.label) },
      logo_png_base64: (await this.logo(tenantId, look.assets.apple.logo)).toString('base64'),
      apple_available: true,
      apple_signing: await this.appleSigning(ctx, pass),
      google_save_url: await this.googleSaveUrl(ctx, pass),
    };
  }

  /** What a new member of the style group (0 points) would see; without a group, the default style. */
  async brandLook(ctx: CallContext, styleGroupId: string | null): Promise<BrandLook> {
    const tenantId = requireTenant(ctx);
    const catalog = await StyleCatalog.load(this.db.manager, tenantId);
    const look = lookOfStyle(catalog.resolve({ memberStyleGroupId: styleGroupId, styleGroupId: null, passStyleId: null, points: 0 }));
    const [profile, logo, google] = await Promise.all([
      this.rpc.send(TenantPatterns.getTenantProfile, ctx, {}),
      this.logo(tenantId, look.assets.apple.logo),
      this.google.account(ctx),
    ]);
    return {
      company_name: profile.companyName,
      colors: { background: googleColor(look.colors.background), foreground: googleColor(look.colors.foreground), label: googleColor(look.colors.label) },
      logo_png_base64: logo.toString('base64'),
      google_available: Boolean(google),
    };
  }

  /** The signing of the .pkpass the page serves: the pass's own, the member's Apple pass's, or what a new one would get. */
  private async appleSigning(ctx: CallContext, pass: Pass): Promise<Signing> {
    if (pass.passType === 'apple') return pass.signing;
    const apple = pass.memberId ? await this.activePass(pass.tenantId, pass.memberId, 'apple') : null;
    if (apple) return apple.signing;
    return (await this.rpc.send(TenantPatterns.getAppleSigningCredentials, ctx, {})) ? 'production' : 'development';
  }

  private async googleSaveUrl(ctx: CallContext, pass: Pass): Promise<string | null> {
    if (pass.passType === 'google') return pass.googleSaveUrl;
    if (!(await this.google.account(ctx))) return null;
    const google = await this.activePass(pass.tenantId, pass.memberId, 'google');
    if (google) return google.googleSaveUrl;
    const created = await this.passes.create(ctx, { member_id: pass.memberId, pass_type: 'google', company_name: pass.companyName }, { channel: 'page' });
    return created.googleSaveUrl;
  }

  private activePass(tenantId: string, memberId: string, passType: PassType): Promise<Pass | null> {
    return this.db.getRepository(Pass).findOne({
      where: { tenantId, memberId, passType, status: 'active', deletedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  private async logo(tenantId: string, name: string | undefined): Promise<Buffer> {
    if (name) {
      const asset = await this.db.getRepository(Asset).createQueryBuilder('a').addSelect('a.data').where({ tenantId, filename: name }).getOne();
      if (asset) return asset.data;
    }
    return builtInImages()['logo@2x.png'];
  }
}
