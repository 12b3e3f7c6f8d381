import { Inject, Injectable } from '@nestjs/common';
import { BarcodeFormat, CallContext, DomainError, PassKind, PassStatus, TenantPatterns } from '@wp/contracts';
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
  WalletObjectType,
  WalletResource,
  buildEventTicketClass,
  buildEventTicketObject,
  buildGenericClass,
  buildGenericObject,
  buildLoyaltyClass,
  buildLoyaltyObject,
  buildOfferClass,
  buildOfferObject,
  KindObjectInput,
  createLeanSaveUrl,
  googleResourceId,
  parseServiceAccount,
} from '@wp/google-wallet';
import { RpcClient } from '@wp/messaging';
import { UpstreamCircuitOpen, UpstreamGuard } from '@wp/observability';
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

/** Writes answered 429/5xx are tried this often in a row, pausing QUICK_RETRY_BASE_MS, then twice that, with jitter. */
const QUICK_RETRIES = 3;
const QUICK_RETRY_BASE_MS = 200;

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
 * The Google vertical of each pass kind (spec/API.md §8.7). A boarding pass is a generic
 * object: Google's flight and transit verticals need structured itineraries (carrier,
 * flight number, stations) that a style does not hold.
 */
export const GOOGLE_OBJECT_TYPE: Record<PassKind, WalletObjectType> = {
  store_card: 'loyalty',
  coupon: 'offer',
  event_ticket: 'eventTicket',
  generic: 'generic',
  boarding_pass: 'generic',
};

/**
 * Google Wallet passes: loyalty objects for store cards, offer, eventTicket and generic
 * objects for the other kinds; one class per tenant programme (and per other vertical), one object per pass
 * (`{issuerId}.{pass id}`), written through the Wallet API with the tenant's service account,
 * and save links signed with the same account.
 */
@Injectable()
export class GooglePassService {
  private readonly clients: GoogleWalletClientPool;
  /** Per-tenant circuit: Google failing (5xx, 429, no answer) holds that tenant's writes back; the syncer retries them. */
  private readonly guard: UpstreamGuard<unknown>;

  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: PassGenerationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.clients = new GoogleWalletClientPool({ rootUrl: config.GOOGLE_WALLET_API_URL });
    this.guard = new UpstreamGuard<unknown>({
      upstream: 'google',
      threshold: config.UPSTREAM_BREAKER_THRESHOLD,
      halfOpenAfterMs: config.UPSTREAM_BREAKER_HALF_OPEN_MS,
      outcomeOf: () => ({ status: '200', unhealthy: false }),
      outcomeOfError: (error) =>
        error instanceof GoogleWalletError
          ? { status: String(error.status), unhealthy: error.status === 429 || error.status >= 500 }
          : { status: 'network', unhealthy: true },
    });
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
    const brand = await this.brand(ctx, tenantId, look);
    return {
      ...buildLoyaltyClass({
        issuerId: account.issuerId,
        classSuffix: `wp-${tenantId}`,
        programName: brand.companyName,
        issuerName: brand.companyName,
        hexBackgroundColor: brand.color,
        logoUri: brand.logoUri,
      }),
      ...(brand.heroUri ? { heroImage: { sourceUri: { uri: brand.heroUri } } } : {}),
    };
  }

  /**
   * The tenant's class for passes of `kind`: its loyalty programme for store cards, else one
   * class per vertical (`wp-{tenant}-offer`, `-eventTicket`, `-generic`), branded like the
   * programme. Generic classes carry only an id; their objects carry the look.
   */
  async walletClass(ctx: CallContext, tenantId: string, account: GoogleAccount, look: PassLook, kind: PassKind): Promise<WalletResource> {
    const type = GOOGLE_OBJECT_TYPE[kind];
    if (type === 'loyalty') return (await this.programmeClass(ctx, tenantId, account, look)) as WalletResource;
    const classSuffix = `wp-${tenantId}-${type}`;
    if (type === 'generic') return buildGenericClass({ issuerId: account.issuerId, classSuffix }) as WalletResource;
    const brand = await this.brand(ctx, tenantId, look);
    const input = { issuerId: account.issuerId, classSuffix, issuerName: brand.companyName, title: brand.companyName, hexBackgroundColor: brand.color, logoUri: brand.logoUri };
    return (type === 'offer' ? buildOfferClass(input) : buildEventTicketClass(input)) as WalletResource;
  }

  /**
   * Coloured by the look's background, with its Google logo and hero image (the built-in
   * logo when none is uploaded; Google requires a logo and fetches it from our public URL).
   */
  private async brand(ctx: CallContext, tenantId: string, look: PassLook): Promise<{ companyName: string; color: string; logoUri: string; heroUri?: string }> {
    const profile = await this.rpc.send(TenantPatterns.getTenantProfile, ctx, {});
    const names = [look.assets.google.logo, look.assets.google.hero].filter((name): name is string => Boolean(name));
    const uploads = names.length ? await this.db.getRepository(Asset).find({ select: { filename: true, sha256: true }, where: { tenantId, filename: In(names) } }) : [];
    const shaOf = (name: string | undefined) => uploads.find((asset) => asset.filename === name)?.sha256;
    const base = this.config.PUBLIC_BASE_URL;
    const hero = shaOf(look.assets.google.hero);
    return {
      companyName: profile.companyName,
      color: googleColor(look.colors.background),
      logoUri: publicImageUrl(base, shaOf(look.assets.google.logo) ?? sha256Hex(builtInProgrammeLogo())),
      ...(hero ? { heroUri: publicImageUrl(base, hero) } : {}),
    };
  }

  /**
   * The pass as an object of its kind's vertical (see loyaltyObject for `lean` and `currency`);
   * a coupon pass is an offer object (with the built-in coupon look its header is the coupon's title).
   */
  walletObject(pass: Pass, account: GoogleAccount, classId: string, look: PassLook, lean: boolean, currency: string | null = null): WalletResource {
    const type = GOOGLE_OBJECT_TYPE[pass.kind ?? 'store_card'];
    if (type === 'loyalty') return this.loyaltyObject(pass, account, classId, look, lean, currency) as WalletResource;
    const values = placeholderValues(holderOf(pass, currency), pass.companyName);
    const content = lean ? {} : mergeContent(look.content, pass.content ?? {});
    const primary = look.fields.primary[0];
    const holder = pass.memberName || pass.memberId;
    const input: KindObjectInput = {
      issuerId: account.issuerId,
      objectSuffix: pass.id,
      classId,
      state: googleState(pass.status),
      barcodeValue: renderPlaceholders(look.barcode.message, values),
      barcodeType: BARCODE_TYPES[look.barcode.format],
      cardTitle: pass.companyName,
      // What the pass is about: the style's first primary field when it has one, else the holder.
      header: primary ? renderPlaceholders(primary.value, values) || holder : holder,
      holderName: holder,
      ...(lean ? {} : { textModules: this.textModules(look, values) }),
      ...(pass.expirationDate ? { validTimeInterval: { end: pass.expirationDate } } : {}),
      ...(content.locations?.length ? { locations: content.locations.map(({ latitude, longitude }) => ({ latitude, longitude })) } : {}),
      hexBackgroundColor: googleColor(look.colors.background),
    };
    if (type === 'offer') return buildOfferObject(input) as WalletResource;
    if (type === 'eventTicket') return buildEventTicketObject(input) as WalletResource;
    return buildGenericObject(input) as WalletResource;
  }

  private textModules(look: PassLook, values: ReturnType<typeof placeholderValues>) {
    return look.fields.back.slice(0, 10).map((field) => ({ id: field.key, header: renderPlaceholders(field.label ?? field.key, values), body: renderPlaceholders(field.value, values) }));
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
  async ensureClass(tenantId: string, account: GoogleAccount, walletClass: LoyaltyClass | WalletResource, type: WalletObjectType = 'loyalty'): Promise<boolean> {
    const bodySha256 = createHash('sha256').update(JSON.stringify(walletClass)).digest('hex');
    const repo = this.db.getRepository(GoogleClass);
    const classId = walletClass.id as string;
    const known = await repo.findOneBy({ tenantId, classId });
    if (known && known.bodySha256 === bodySha256) return true;
    const client = this.clients.forServiceAccount(account.serviceAccount);
    const ok = await this.attempt(`${type}Class ${classId}`, () => this.guard.call(tenantId, () => client.ensureClass(walletClass, type)));
    if (ok) await repo.upsert({ tenantId, classId, bodySha256, syncedAt: new Date() }, { conflictPaths: ['tenantId', 'classId'] });
    return ok;
  }

  /**
   * Inserts the object, or patches it when it exists; `ok` false when Google did not take it.
   * `statusCode` is Google's answer (null when none came in time), for the pass trace.
   */
  async pushObject(tenantId: string, account: GoogleAccount, walletObject: LoyaltyObject | WalletResource, type: WalletObjectType = 'loyalty'): Promise<{ ok: boolean; statusCode: number | null }> {
    const client = this.clients.forServiceAccount(account.serviceAccount);
    let statusCode: number | null = null;
    const ok = await this.attempt(`${type}Object ${walletObject.id}`, () =>
      this.guard.call(tenantId, () => client.insertObject(walletObject, type)).then(
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
  async addMessage(tenantId: string, account: GoogleAccount, objectId: string, message: WalletMessage, type: WalletObjectType = 'loyalty'): Promise<void> {
    const client = this.clients.forServiceAccount(account.serviceAccount);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.config.GOOGLE_WALLET_TIMEOUT_MS} ms`)), this.config.GOOGLE_WALLET_TIMEOUT_MS);
    });
    const work = this.guard.call(tenantId, () => client.addMessage(objectId, message, type));
    try {
      await Promise.race([work, deadline]);
    } catch (error) {
      if (error instanceof UpstreamCircuitOpen) {
        throw new DomainError('unavailable', 'Google Wallet keeps failing for this tenant; nothing was sent, please retry later', undefined, Math.ceil(error.retryAfterMs / 1000));
      }
      throw error;
    } finally {
      clearTimeout(timer);
      work.catch(() => undefined);
    }
  }

  /** "Save to Google Wallet" link carrying the object; the class by reference when Google has it. */
  saveUrl(account: GoogleAccount, walletClass: LoyaltyClass | WalletResource, walletObject: LoyaltyObject | WalletResource, classInserted: boolean, type: WalletObjectType = 'loyalty'): string {
    try {
      return createLeanSaveUrl({
        serviceAccount: account.serviceAccount,
        origins: [new URL(this.config.PUBLIC_BASE_URL).origin],
        loyaltyClass: walletClass,
        loyaltyObject: walletObject,
        objectType: type,
        inserted: { class: classInserted, object: false },
      }).url;
    } catch (error) {
      if (error instanceof SaveUrlTooLongError) {
        throw new DomainError('unprocessable', 'Google Wallet did not accept the loyalty class in time, and a save link carrying it would be too long; please retry');
      }
      throw error;
    }
  }

  /**
   * One write, tried again at once (after a short pause) when Google answers 429 or 5xx: a
   * burst can meet a brief quota or availability dip, and waiting for the syncer's next
   * round (RETRY_S) would leave the pass behind for half a minute.
   */
  private async attempt(what: string, call: () => Promise<unknown>): Promise<boolean> {
    for (let tried = 1; ; tried += 1) {
      const outcome = await this.attemptOnce(what, call, tried < QUICK_RETRIES);
      if (outcome !== 'transient') return outcome;
      await new Promise((resolve) => setTimeout(resolve, QUICK_RETRY_BASE_MS * 2 ** (tried - 1) * (0.5 + Math.random())));
    }
  }

  private async attemptOnce(what: string, call: () => Promise<unknown>, mayRetry: boolean): Promise<boolean | 'transient'> {
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
      if (mayRetry && error instanceof GoogleWalletError && (error.status === 429 || error.status >= 500)) return 'transient';
      this.logger.warn({ err: (error as Error).message }, `Google Wallet write of ${what} failed; it will be retried`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
