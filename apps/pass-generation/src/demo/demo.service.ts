import { Injectable } from '@nestjs/common';
import { DemoPassQueryDto, PassFile } from '@wp/contracts';
import { validatePassJson } from '@wp/pkpass';
import { createHash } from 'node:crypto';
import { BundleCache } from '../passes/bundle-cache';
import { appleImages } from '../rendering/apple-images';
import { buildPassJson } from '../rendering/pass-json.builder';
import { BUILT_IN_LOOK } from '../rendering/pass-look';
import { BundleSigner } from '../signing/bundle-signer';
import { PassSignersService } from '../signing/pass-signers.service';
import { DataSource } from 'typeorm';

/** The seed's defaults. */
export const DEMO_DEFAULTS = { points: 156, level: 'Gold', memberId: '12345678', strip: 'strip.png' } as const;

/**
 * `GET /demo`: a signed sample pass anyone may download, built from the query parameters with
 * the built-in look and the development signer. It has no web service: nobody updates it.
 */
@Injectable()
export class DemoService {
  private readonly cache = new BundleCache(8 * 1024 * 1024);

  constructor(
    private readonly db: DataSource,
    private readonly signers: PassSignersService,
    private readonly signer: BundleSigner,
  ) {}

  async demo(query: DemoPassQueryDto): Promise<PassFile> {
    const points = query.points ?? DEMO_DEFAULTS.points;
    const level = query.level ?? DEMO_DEFAULTS.level;
    const memberId = query.memberId ?? DEMO_DEFAULTS.memberId;
    const strip = (query.strip ?? DEMO_DEFAULTS.strip).trim();
    const withStrip = strip !== '' && strip.toLowerCase() !== 'none';
    // The same parameters give the same serial, so adding the demo twice replaces it in Wallet.
    const serialNumber = `demo-${createHash('sha256').update(JSON.stringify([points, level, memberId, withStrip])).digest('hex').slice(0, 24)}`;
    let bytes = this.cache.get(serialNumber);
    if (!bytes) {
      const { signer, identity } = this.signers.developmentSigner();
      const passJson = buildPassJson({
        identity,
        serialNumber,
        organizationName: 'WalletPass Demo',
        webService: null,
        holder: { memberId, memberName: 'Demo Member', points, tier: level },
        look: BUILT_IN_LOOK,
        state: { status: 'active', expirationDate: null },
      });
      const check = validatePassJson(passJson);
      if (!check.ok) throw new Error(`demo pass.json failed validation: ${check.errors.join('; ')}`);
      const files = { 'pass.json': Buffer.from(JSON.stringify(passJson)), ...(await appleImages(this.db.manager, '', {}, { strip: withStrip })) };
      bytes = await this.signer.sign(files, signer);
      this.cache.set(serialNumber, bytes);
    }
    return { filename: 'demo.pkpass', content_type: 'application/vnd.apple.pkpass', body_base64: bytes.toString('base64') };
  }
}
