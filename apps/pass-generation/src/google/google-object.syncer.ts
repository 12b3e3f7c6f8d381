import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { forEachConcurrently } from '../batch/batch-chunks';
import { systemContext } from '../internal/system-context';
import { Pass } from '../passes/pass.entity';
import { StyleCatalog } from '../styles/style-catalog';
import { lookShowsBalance } from '../rendering/pass-look';
import { lookOfPass, lookOfStyle } from '../styles/style-look';
import { TenantCurrencyService } from '../tenant-status/tenant-currency.service';
import { recordTrace } from '../trace/trace-recorder';
import type { PassKind } from '@wp/contracts';
import type { WalletResource } from '@wp/google-wallet';
import { GOOGLE_OBJECT_TYPE, GoogleAccount, GooglePassService } from './google-pass.service';

const POLL_MS = 1000;
const BATCH = 100;
/**
 * Objects written at once. A write is a few round trips to Google (and a Pass
 * look-up here), each mostly waiting: a burst of changes drains at this many times the speed
 * of one-by-one writes. Google's per-issuer quota is far above it.
 */
const WRITES_IN_FLIGHT = 16;
/** A claimed pass is left alone this long, so a crashed attempt is picked up again. */
const LEASE_S = 60;
const RETRY_S = 30;
const NOT_CONFIGURED_RETRY_S = 300;

/** A tenant's class of one Google type (loyalty, offer, ...), and whether Google holds it now. */
interface KindClass {
  walletClass: WalletResource;
  written: boolean;
}

/** What writing any object of a tenant needs: its account (null: Google not configured), styles and a class per pass kind. */
export type TenantSetup =
  | { account: null; catalog?: undefined; classes?: undefined }
  | { account: GoogleAccount; catalog: StyleCatalog; classes: Map<PassKind, Promise<KindClass>> };

/**
 * Keeps each Google object at its pass's latest version. The database says what lags
 * (`google_synced_version < version`), so nothing is lost when Google, Redis or this process is
 * down: the loop catches up when it can. Each write carries the whole object (state, points,
 * tier, validity), so a retry or a late write of the same version is harmless.
 */
@Injectable()
export class GoogleObjectSyncer implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loopDone?: Promise<void>;
  private wakeUp?: () => void;
  private wakeRequested = false;

  constructor(
    private readonly db: DataSource,
    private readonly google: GooglePassService,
    private readonly currency: TenantCurrencyService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loopDone = this.loop();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loopDone;
  }

  /** Something changed: look now instead of at the next poll (or right after the round under way). */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /**
   * Writes one pass's object now; false when it could not (the loop retries). `round` shares
   * the tenant's account, styles and class among the passes of one round, so a burst asks for
   * them once per tenant and round instead of once per pass.
   */
  async sync(passId: string, round?: Map<string, Promise<TenantSetup>>): Promise<boolean> {
    const pass = await this.db.getRepository(Pass).findOneBy({ id: passId });
    if (!pass || pass.passType !== 'google' || pass.googleSyncedVersion >= pass.version) return true;
    const ctx = systemContext(pass.tenantId, `google-sync:${pass.id}:${pass.version}`);
    let setup = round?.get(pass.tenantId);
    if (!setup) {
      setup = this.tenantSetup(ctx, pass.tenantId);
      round?.set(pass.tenantId, setup);
    }
    const { account, catalog, classes } = await setup;
    if (!account) {
      await this.retryLater(pass.id, NOT_CONFIGURED_RETRY_S);
      return false;
    }
    const type = GOOGLE_OBJECT_TYPE[pass.kind];
    const { walletClass, written: classWritten } = await this.classOf(ctx, pass.tenantId, { account, catalog, classes }, pass.kind);
    const look = lookOfPass(pass, catalog.style(pass.renderedStyleId));
    const currency = lookShowsBalance(look) ? await this.currency.of(pass.tenantId, ctx.requestId) : null;
    let ok = classWritten;
    if (ok) {
      const started = performance.now();
      const written = await this.google.pushObject(pass.tenantId, account, this.google.walletObject(pass, account, walletClass.id as string, look, false, currency), type);
      const detail = { version: pass.version, status_code: written.statusCode, duration_ms: Math.round(performance.now() - started) };
      await recordTrace(this.db.manager, [{ tenantId: pass.tenantId, passId: pass.id, kind: 'google_patch', detail }]);
      ok = written.ok;
    }
    if (!ok) {
      await this.retryLater(pass.id, RETRY_S);
      return false;
    }
    await this.db.query(
      'UPDATE pass.passes SET google_synced_version = $2, google_sync_after = NULL WHERE id = $1 AND google_synced_version < $2',
      [pass.id, pass.version],
    );
    return true;
  }

  private async tenantSetup(ctx: ReturnType<typeof systemContext>, tenantId: string): Promise<TenantSetup> {
    const account = await this.google.account(ctx);
    if (!account) return { account: null };
    const catalog = await StyleCatalog.load(this.db.manager, tenantId);
    return { account, catalog, classes: new Map() };
  }

  /** The tenant's class for this kind, written to Google once per round whatever the number of passes. */
  private classOf(
    ctx: ReturnType<typeof systemContext>,
    tenantId: string,
    setup: { account: GoogleAccount; catalog: StyleCatalog; classes: Map<PassKind, Promise<KindClass>> },
    kind: PassKind,
  ): Promise<KindClass> {
    let known = setup.classes.get(kind);
    if (!known) {
      known = (async () => {
        const walletClass = await this.google.walletClass(ctx, tenantId, setup.account, lookOfStyle(setup.catalog.defaultStyle), kind);
        const written = await this.google.ensureClass(tenantId, setup.account, walletClass, GOOGLE_OBJECT_TYPE[kind]);
        return { walletClass, written };
      })();
      setup.classes.set(kind, known);
    }
    return known;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.wakeRequested = false;
      try {
        const claimed = await this.claim();
        const round = new Map<string, Promise<TenantSetup>>();
        await forEachConcurrently(claimed, WRITES_IN_FLIGHT, async (id) => {
          if (!this.running) return;
          await this.sync(id, round).catch((error: Error) => this.logger.warn({ err: error.message, pass_id: id }, 'Google object sync failed'));
        });
        if (claimed.length === BATCH) continue;
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'Google object sync loop failed; retrying');
      }
      await this.idle();
    }
  }

  /** Waits for the next poll, a wake() or shutdown. */
  private idle(): Promise<void> {
    if (this.wakeRequested || !this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      this.wakeUp = done;
    });
  }

  /** Leases a batch of lagging passes, so replicas (and a crash) never write one twice at once. */
  private async claim(): Promise<string[]> {
    const [rows] = (await this.db.query(
      `UPDATE pass.passes SET google_sync_after = now() + make_interval(secs => $1)
       WHERE id IN (
         SELECT id FROM pass.passes
         WHERE pass_type = 'google' AND google_synced_version < version AND (google_sync_after IS NULL OR google_sync_after <= now())
         ORDER BY update_tag LIMIT $2 FOR UPDATE SKIP LOCKED
       ) RETURNING id`,
      [LEASE_S, BATCH],
    )) as [Array<{ id: string }>, number];
    return rows.map((row) => row.id);
  }

  private async retryLater(id: string, seconds: number): Promise<void> {
    await this.db.query('UPDATE pass.passes SET google_sync_after = now() + make_interval(secs => $2) WHERE id = $1', [id, seconds]);
  }
}
