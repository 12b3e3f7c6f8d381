import { Inject, Injectable } from '@nestjs/common';
import { CallContext } from '@wp/contracts';
import { validatePassJson } from '@wp/pkpass';
import { CONFIG } from '@wp/service-runtime';
import { DataSource } from 'typeorm';
import { appleImages } from '../rendering/apple-images';
import { appleImageRoles } from '../rendering/pass-kinds';
import { mergeContent } from '../rendering/pass-content';
import { buildPassJson, placeholderValues } from '../rendering/pass-json.builder';
import { localizationFiles } from '../rendering/localizations';
import { BundleSigner } from '../signing/bundle-signer';
import { PassSignersService } from '../signing/pass-signers.service';
import { PassStyle } from '../styles/pass-style.entity';
import { lookOfPass } from '../styles/style-look';
import { holderOf } from '../rendering/pass-holder';
import { lookShowsBalance } from '../rendering/pass-look';
import { TenantCurrencyService } from '../tenant-status/tenant-currency.service';
import type { PassGenerationConfig } from '../tokens';
import { BundleCache } from './bundle-cache';
import { PassBundle } from './pass-bundle.entity';
import { Pass } from './pass.entity';

/**
 * The signed .pkpass of a pass version. Signed once per version (concurrent requests share the
 * signing), kept in memory and in the database, and served again until the version changes.
 */
@Injectable()
export class PassBundlesService {
  private readonly cache: BundleCache;
  private readonly inflight = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly db: DataSource,
    private readonly signers: PassSignersService,
    private readonly signer: BundleSigner,
    private readonly currency: TenantCurrencyService,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
  ) {
    this.cache = new BundleCache(config.PASS_BUNDLE_CACHE_MB * 1024 * 1024);
  }

  async signed(ctx: CallContext, pass: Pass): Promise<Buffer> {
    const key = `${pass.id}:${pass.version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.load(ctx, pass).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async load(ctx: CallContext, pass: Pass): Promise<Buffer> {
    const key = `${pass.id}:${pass.version}`;
    const stored = await this.db.getRepository(PassBundle).findOneBy({ passId: pass.id, version: pass.version });
    if (stored) {
      this.cache.set(key, stored.bytes);
      return stored.bytes;
    }
    const bytes = await this.render(ctx, pass);
    // Never let a slow signer of an older version overwrite a newer bundle.
    await this.db.query(
      `INSERT INTO pass.pass_bundles (pass_id, version, bytes, signed_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (pass_id) DO UPDATE SET version = EXCLUDED.version, bytes = EXCLUDED.bytes, signed_at = EXCLUDED.signed_at
       WHERE pass_bundles.version < EXCLUDED.version`,
      [pass.id, pass.version, bytes],
    );
    this.cache.set(key, bytes);
    return bytes;
  }

  private async render(ctx: CallContext, pass: Pass): Promise<Buffer> {
    const resolved = await this.signers.forPass(ctx, pass);
    const style = pass.renderedStyleId ? await this.db.getRepository(PassStyle).findOneBy({ id: pass.renderedStyleId, tenantId: pass.tenantId }) : null;
    // The pass keeps the kind it was created as (a coupon pass is a coupon), whatever style it shows now.
    const look = lookOfPass(pass, style);
    const content = mergeContent(look.content, pass.content ?? {});
    const holder = holderOf(pass, lookShowsBalance(look) ? await this.currency.of(pass.tenantId, ctx.requestId) : null);
    const passJson = buildPassJson({
      identity: { passTypeIdentifier: pass.passTypeIdentifier ?? resolved.identity.passTypeIdentifier, teamIdentifier: pass.teamIdentifier ?? resolved.identity.teamIdentifier },
      serialNumber: pass.serialNumber,
      organizationName: pass.companyName,
      webService: { url: `${this.config.PUBLIC_BASE_URL}/apple`, authenticationToken: pass.authenticationToken },
      holder,
      look,
      state: { status: pass.status, expirationDate: pass.expirationDate },
      message: pass.message,
      content,
    });
    const check = validatePassJson(passJson);
    if (!check.ok) throw new Error(`pass.json of pass ${pass.id} failed validation: ${check.errors.join('; ')}`);
    const files = {
      'pass.json': Buffer.from(JSON.stringify(passJson)),
      ...(await appleImages(this.db.manager, pass.tenantId, look.assets.apple, { roles: appleImageRoles(look.kind, look.assets.apple) })),
      // One <language>.lproj/pass.strings per language: listed in the manifest and signed like every other file.
      ...localizationFiles(content.localizations, placeholderValues(holder, pass.companyName)),
    };
    return this.signer.sign(files, resolved.signer);
  }
}
