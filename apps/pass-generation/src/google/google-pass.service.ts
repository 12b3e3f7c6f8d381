import { Inject, Injectable } from '@nestjs/common';
import { BarcodeFormat, CallContext, DomainError, PassStatus, TenantPatterns } from '@wp/contracts';
import {
  BarcodeType,
  GoogleWalletClientPool,
  GoogleWalletError,
  LoyaltyClass,
  LoyaltyObject,
  LoyaltyObjectState,
  SaveUrlTooLongError,
  ServiceAccount,
  WalletMessage,
  buildLoyaltyClass,
  buildLoyaltyObject,
  createLeanSaveUrl,
  googleResourceId,
  parseServiceAccount,
} from '@wp/google-wallet';
import { RpcClient } from '@wp/messaging';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, In } from 'typeorm';
import { Asset } from '../assets/asset.entity';
import { builtInProgrammeLogo, publicImageUrl, sha256Hex } from '../assets/public-images';
import type { Pass } from '../passes/pass.entity';
import { googleColor } from '../rendering/brand-color.normalizer';
import { translator } from '../rendering/localizations';
import { mergeContent } from '../rendering/pass-content';
import { placeholderValues } from '../rendering/pass-json.builder';
import { holderOf } from '../rendering/pass-holder';
import { majorUnits } from '../rendering/money';
import type { PassLook } from '../rendering/pass-look';
import { renderPlaceholders } from '../rendering/placeholder.renderer';
import type { PassGenerationConfig } from '../tokens';
import { GoogleClass } from './google-class.entity';

export interface GoogleAccount {
  issuerId: string;
  serviceAccount: ServiceAccount;
}

const BARCODE_TYPES: Record<BarcodeFormat, BarcodeType> = {
  PKBarcodeFormatQR: 'QR_CODE',
  PKBarcodeFormatPDF417: 'PDF_417',
  PKBarcodeFormatAztec: 'AZTEC',
  PKBarcodeFormatCode128: 'CODE_128',
};

/** Google has no "blocked" or "voided": both leave the wallet's active list as INACTIVE. */
const STATES: Record<PassStatus, LoyaltyObjectState> = {
  active: 'ACTIVE',
  blocked: 'INACTIVE',
  voided: 'INACTIVE',
  expired: 'EXPIRED',
  redeemed: 'COMPLETED',
};

export const googleState = (status: PassStatus): LoyaltyObjectState => STATES[status];

/**
 * Google Wallet loyalty passes: one class per tenant programme, one object per pass
 * (`{issuerId}.{pass id}`), written through the Wallet API with the tenant's service account,
 * and save links signed with the same account.
 */
@Injectable()
export class GooglePassService {
  private readonly clients: GoogleWalletClientPool;

  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.clients = new GoogleWalletClientPool({ rootUrl: config.GOOGLE_WALLET_API_URL });
  }

  /** The tenant's issuer and service account, or null when Google Wallet is not configured. */
  async account(ctx: CallContext): Promise<GoogleAccount | null> {
    const credentials = await this.rpc.send(TenantPatterns.getGoogleWalletCredentials, ctx, {});
    if (!credentials) return null;
    return { issuerId: credentials.issuerId, serviceAccount: parseServiceAccount(credentials.serviceAccountJson) };
  }

  async requireAccount(ctx: CallContext): Promise<GoogleAccount> {
    const account = await this.account(ctx);
    if (!account) {
      throw new DomainError('unprocessable', 'Google Wallet is not configured for this tenant; store an issuer id and service account with PUT /v1/tenant/google');
    }
    return account;
  }

  /**
   * The tenant's programme: named after the company, coloured by its default style, with the
   * style's Google logo and hero image (the built-in logo when none is uploaded; Google
   * requires a programme logo and fetches it from our public image URL).
   */
  async programmeClass(ctx: CallContext, tenantId: string, account: GoogleAccount, look: PassLook): Promise<LoyaltyClass> {
    const profile = await this.rpc.send(TenantPatterns.getTenantProfile, ctx, {});
    const names = [look.assets.google.logo, look.assets.google.hero].filter((name): name is string => Boolean(name));
    const uploads = names.length ? await this.db.getRepository(Asset).find({ select: { filename: true, sha256: true }, where: { tenantId, filename: In(names) } }) : [];
    const shaOf = (name: string | undefined) => uploads.find((asset) => asset.filename === name)?.sha256;
    const base = this.config.PUBLIC_BASE_URL;
    const hero = shaOf(look.assets.google.hero);
    return {
      ...buildLoyaltyClass({
        issuerId: account.issuerId,
        classSuffix: `wp-${tenantId}`,
        programName: profile.companyName,
        issuerName: profile.companyName,
        hexBackgroundColor: googleColor(look.colors.background),
        logoUri: publicImageUrl(base, shaOf(look.assets.google.logo) ?? sha256Hex(builtInProgrammeLogo())),
      }),
      ...(hero ? { heroImage: { sourceUri: { uri: publicImageUrl(base, hero) } } } : {}),
    };
  }

  /**
   * The pass as a loyalty object. `lean` leaves out the text modules and the pass content, for
   * a save link that has to carry the object itself and stay under 1,800 characters (the full
   * object reaches Google through the API right after).
   *
   * Pass content on Google (spec/API.md §8.5): locations become `merchantLocations` (and the
   * older `locations`), and every shown text with a translation (back-field headers and
   * bodies, the Points and Tier labels) gets `translatedValues`. Google has no equivalent of
   * altitude, relevant text, max distance, relevant date, beacons or the Apple NFC payload.
   */
  loyaltyObject(pass: Pass, account: GoogleAccount, classId: string, look: PassLook, lean: boolean, currency: string | null = null): LoyaltyObject {
    // `{balance}` is text here, formatted in the tenant's currency (given where the look shows it).
    const values = placeholderValues(holderOf(pass, currency), pass.companyName);
    const content = lean ? {} : mergeContent(look.content, pass.content ?? {});
    const translate = translator(content.localizations, values);
    const textModules = lean
      ? undefined
      : look.fields.back.slice(0, 10).map((field) => {
          const header = renderPlaceholders(field.label ?? field.key, values);
          const body = renderPlaceholders(field.value, values);
          return { id: field.key, header, body, headerTranslations: translate(header), bodyTranslations: translate(body) };
        });
    return buildLoyaltyObject({
      issuerId: account.issuerId,
      objectSuffix: pass.id,
      classId,
      accountId: pass.memberId,
      accountName: pass.memberName || pass.memberId,
      points: pass.points,
      tier: pass.tier,
      // Where the look shows `{balance}` (so the currency is known), Google's money type carries it.
      ...(currency ? { money: { micros: Math.round(majorUnits(pass.balance, currency) * 1_000_000), currencyCode: currency } } : {}),
      barcodeValue: renderPlaceholders(look.barcode.message, values),
      barcodeType: BARCODE_TYPES[look.barcode.format],
      state: googleState(pass.status),
      ...(textModules?.length ? { textModules } : {}),
      ...(pass.expirationDate ? { validTimeInterval: { end: pass.expirationDate } } : {}),
      pointsLabelTranslations: translate('Points'),
      tierLabelTranslations: translate('Tier'),
      ...(content.locations?.length ? { locations: content.locations.map(({ latitude, longitude }) => ({ latitude, longitude })) } : {}),
      // The syncer's write becomes a PATCH over the previous version: what this one drops must be cleared.
      clearMissing: !lean,
    });
  }

  objectId(account: GoogleAccount, pass: Pick<Pass, 'id'>): string {
    return googleResourceId(account.issuerId, pass.id);
  }

  /**
   * Writes the class to Google when it changed since the last write. Returns whether Google
   * holds it now; a failure (or no answer in time) is logged and left to the next attempt.
   */
  async ensureClass(tenantId: string, account: GoogleAccount, loyaltyClass: LoyaltyClass): Promise<boolean> {
    const bodySha256 = createHash('sha256').update(JSON.stringify(loyaltyClass)).digest('hex');
    const repo = this.db.getRepository(GoogleClass);
    const known = await repo.findOneBy({ tenantId });
    if (known && known.classId === loyaltyClass.id && known.bodySha256 === bodySha256) return true;
    const client = this.clients.forServiceAccount(account.serviceAccount);
    const ok = await this.attempt(`loyaltyClass ${loyaltyClass.id}`, () => client.ensureClass(loyaltyClass));
    if (ok) await repo.upsert({ tenantId, classId: loyaltyClass.id as string, bodySha256, syncedAt: new Date() }, { conflictPaths: ['tenantId'] });
    return ok;
  }

  /**
   * Inserts the object, or patches it when it exists; `ok` false when Google did not take it.
   * `statusCode` is Google's answer (null when none came in time), for the pass trace.
   */
  async pushObject(account: GoogleAccount, loyaltyObject: LoyaltyObject): Promise<{ ok: boolean; statusCode: number | null }> {
    const client = this.clients.forServiceAccount(account.serviceAccount);
    let statusCode: number | null = null;
    const ok = await this.attempt(`loyaltyObject ${loyaltyObject.id}`, () =>
      client.insertObject(loyaltyObject).then(
        (result) => {
          statusCode = 200;
          return result;
        },
        (error: unknown) => {
          if (error instanceof GoogleWalletError) statusCode = error.status;
          throw error;
        },
      ),
    );
    return { ok, statusCode };
  }

  /**
   * Adds a message to the object (Google shows it on the pass and, for TEXT_AND_NOTIFY,
   * notifies the holder). Throws GoogleWalletError as Google answered, or a time-out error.
   */
  async addMessage(account: GoogleAccount, objectId: string, message: WalletMessage): Promise<void> {
    const client = this.clients.forServiceAccount(account.serviceAccount);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.config.GOOGLE_WALLET_TIMEOUT_MS} ms`)), this.config.GOOGLE_WALLET_TIMEOUT_MS);
    });
    const work = client.addMessage(objectId, message);
    try {
      await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
      work.catch(() => undefined);
    }
  }

  /** "Save to Google Wallet" link carrying the object; the class by reference when Google has it. */
  saveUrl(account: GoogleAccount, loyaltyClass: LoyaltyClass, loyaltyObject: LoyaltyObject, classInserted: boolean): string {
    try {
      return createLeanSaveUrl({
        serviceAccount: account.serviceAccount,
        origins: [new URL(this.config.PUBLIC_BASE_URL).origin],
        loyaltyClass,
        loyaltyObject,
        inserted: { class: classInserted, object: false },
      }).url;
    } catch (error) {
      if (error instanceof SaveUrlTooLongError) {
        throw new DomainError('unprocessable', 'Google Wallet did not accept the loyalty class in time, and a save link carrying it would be too long; please retry');
      }
      throw error;
    }
  }

  private async attempt(what: string, call: () => Promise<unknown>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.config.GOOGLE_WALLET_TIMEOUT_MS} ms`)), this.config.GOOGLE_WALLET_TIMEOUT_MS);
    });
    const work = call();
    try {
      await Promise.race([work, deadline]);
      return true;
    } catch (error) {
      work.catch(() => undefined);
      this.logger.warn({ err: (error as Error).message }, `Google Wallet write of ${what} failed; it will be retried`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
