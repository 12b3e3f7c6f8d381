import { Inject, Injectable } from '@nestjs/common';
import {
  CallContext,
  DeviceLogRequest,
  DomainError,
  LatestPass,
  LatestPassRequest,
  PassCredential,
  RegisterDeviceRequest,
  RegisterDeviceResult,
  UnregisterDeviceRequest,
  UpdatedSerials,
  UpdatedSerialsRequest,
} from '@wp/contracts';
import { appendEvent, createEvent } from '@wp/events';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { PassBundlesService } from '../passes/pass-bundles.service';
import { Pass } from '../passes/pass.entity';
import { TenantStatusService } from '../tenant-status/tenant-status.service';
import { etagOf, isNotModified, lastModifiedOf } from './conditional-fetch';
import { isDeviceLibraryIdentifier, logEntriesOf, pushTokenOf, requireDeviceLibraryIdentifier } from './device-input';
import { deviceLabel, recordTrace } from '../trace/trace-recorder';
import { tokenMatches } from './pass-token';
import { parseUpdatedSince, selectUpdated } from './updated-serials';

const SERIAL = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The five endpoints of Apple's PassKit web service, for every tenant's
 * Apple passes: a pass is found by pass type and serial number, and the credential is the
 * pass's own authenticationToken. Registrations emit pass.installed / pass.uninstalled in
 * the transaction that records them.
 */
@Injectable()
export class AppleWebService {
  constructor(
    private readonly db: DataSource,
    private readonly bundles: PassBundlesService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly tenants: TenantStatusService,
  ) {}

  async register(ctx: CallContext, request: RegisterDeviceRequest): Promise<RegisterDeviceResult> {
    const pass = await this.servablePass(ctx, request.pass_type_identifier, request.serial_number, request.credential);
    const platform = (request.credential as PassCredential).platform;
    const device = requireDeviceLibraryIdentifier(request.device_library_identifier);
    const pushToken = pushTokenOf(request.body, platform);
    return this.db.transaction(async (tx) => {
      // INSERT … RETURNING gives the rows; UPDATE and DELETE give [rows, count].
      const inserted = (await tx.query(
        `INSERT INTO pass.device_registrations (device_library_identifier, pass_id, tenant_id, pass_type_identifier, platform, push_token, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (device_library_identifier, pass_id) DO NOTHING RETURNING pass_id`,
        [device, pass.id, pass.tenantId, pass.passTypeIdentifier, platform, pushToken],
      )) as Array<{ pass_id: string }>;
      // A push token belongs to the device, not to one pass: a new one replaces the old on
      // every registration of the device, or its other passes would go quiet.
      await tx.query(
        `UPDATE pass.device_registrations SET push_token = $2, updated_at = now()
         WHERE device_library_identifier = $1 AND platform = $3 AND push_token <> $2`,
        [device, pushToken, platform],
      );
      const created = inserted.length > 0;
      if (created) {
        const channel = pass.distributionChannel ?? pass.channel;
        await appendEvent(tx, createEvent('pass.installed', pass.tenantId, { pass_id: pass.id, pass_type: 'apple', member_id: pass.memberId, channel }));
        await recordTrace(tx, [{ tenantId: pass.tenantId, passId: pass.id, kind: 'device_registered', detail: { device: deviceLabel(device) } }]);
      }
      return { created };
    });
  }

  async unregister(request: UnregisterDeviceRequest): Promise<{ removed: boolean }> {
    const pass = await this.authorizedPass(request.pass_type_identifier, request.serial_number, request.credential);
    // An identifier no device could send has no registration to remove.
    if (!isDeviceLibraryIdentifier(request.device_library_identifier)) return { removed: false };
    return this.db.transaction(async (tx) => {
      const [deleted] = (await tx.query(
        'DELETE FROM pass.device_registrations WHERE device_library_identifier = $1 AND pass_id = $2 RETURNING pass_id',
        [request.device_library_identifier, pass.id],
      )) as [Array<{ pass_id: string }>, number];
      if (deleted.length > 0) {
        await appendEvent(tx, createEvent('pass.uninstalled', pass.tenantId, { pass_id: pass.id, pass_type: 'apple', member_id: pass.memberId }));
        const device = deviceLabel(request.device_library_identifier);
        await recordTrace(tx, [{ tenantId: pass.tenantId, passId: pass.id, kind: 'device_unregistered', detail: { device, reason: 'device' } }]);
      }
      return { removed: deleted.length > 0 };
    });
  }

  /** The serial numbers of the device's passes of this type changed since its tag (none: Apple's 204). */
  async updatedSerials(ctx: CallContext, request: UpdatedSerialsRequest): Promise<UpdatedSerials> {
    if (!isDeviceLibraryIdentifier(request.device_library_identifier)) return { serial_numbers: [], last_updated: '0' };
    const registered = (await this.db.query(
      `SELECT r.pass_id, r.tenant_id, r.listed_tag, p.serial_number, p.update_tag
       FROM pass.device_registrations r JOIN pass.passes p ON p.id = r.pass_id
       WHERE r.device_library_identifier = $1 AND r.pass_type_identifier = $2`,
      [request.device_library_identifier, request.pass_type_identifier],
    )) as Array<{ pass_id: string; tenant_id: string; listed_tag: string | null; serial_number: string; update_tag: string }>;
    // A suspended tenant's passes report no updates (Apple's 204).
    const tenantIds = [...new Set(registered.map((row) => row.tenant_id))];
    const active = new Set<string>();
    for (const tenantId of tenantIds) if (await this.tenants.isActive(ctx.requestId, tenantId)) active.add(tenantId);
    const rows = registered.filter((row) => active.has(row.tenant_id));
    const selection = selectUpdated(
      rows.map((row) => ({ passId: row.pass_id, serialNumber: row.serial_number, updateTag: row.update_tag, listedTag: row.listed_tag })),
      parseUpdatedSince(request.passes_updated_since),
    );
    if (request.record && selection.listed.length > 0) {
      await this.db.query(
        `UPDATE pass.device_registrations r SET listed_tag = v.tag
         FROM unnest($2::uuid[], $3::bigint[]) AS v(pass_id, tag)
         WHERE r.device_library_identifier = $1 AND r.pass_id = v.pass_id AND (r.listed_tag IS NULL OR r.listed_tag < v.tag)`,
        [request.device_library_identifier, selection.listed.map((entry) => entry.passId), selection.listed.map((entry) => entry.tag)],
      );
    }
    return { serial_numbers: selection.serialNumbers, last_updated: selection.lastUpdated };
  }

  /** The current version's .pkpass, or "not modified" for a device that already has it. */
  async latestPass(ctx: CallContext, request: LatestPassRequest): Promise<LatestPass> {
    const pass = await this.servablePass(ctx, request.pass_type_identifier, request.serial_number, request.credential);
    const headers = { last_modified: lastModifiedOf(pass).toISOString(), etag: etagOf(pass) };
    if (isNotModified(pass, request.if_modified_since, request.if_none_match)) {
      await recordTrace(this.db.manager, [{ tenantId: pass.tenantId, passId: pass.id, kind: 'device_fetch', detail: { status: 304, version: pass.version } }]);
      return { kind: 'not_modified', ...headers };
    }
    const deviceCtx: CallContext = { requestId: ctx.requestId, tenantId: pass.tenantId, actor: { kind: 'device', tenantId: pass.tenantId, serialNumber: pass.serialNumber } };
    const bytes = await this.bundles.signed(deviceCtx, pass);
    await recordTrace(this.db.manager, [{ tenantId: pass.tenantId, passId: pass.id, kind: 'device_fetch', detail: { status: 200, version: pass.version } }]);
    return { kind: 'file', filename: `pass-${pass.id}.pkpass`, content_type: 'application/vnd.apple.pkpass', body_base64: bytes.toString('base64'), ...headers };
  }

  /** Wallet reports problems with our web service here; they are worth reading when updates stall. */
  async log(request: DeviceLogRequest): Promise<{ accepted: number }> {
    const entries = logEntriesOf(request.body);
    for (const entry of entries) this.logger.info({ component: 'apple-device-log', entry }, 'device log');
    await this.traceLogLines(entries);
    return { accepted: entries.length };
  }

  /** Log lines that name a serial number go on that pass's trace (Wallet's messages quote the serial). */
  private async traceLogLines(entries: string[]): Promise<void> {
    const words = [...new Set(entries.flatMap((entry) => entry.match(/[A-Za-z0-9._-]{6,64}/g) ?? []))].slice(0, 200);
    if (words.length === 0) return;
    const passes = (await this.db.query(`SELECT id, tenant_id, serial_number FROM pass.passes WHERE serial_number = ANY($1::varchar[]) AND pass_type = 'apple'`, [words])) as Array<{
      id: string;
      tenant_id: string;
      serial_number: string;
    }>;
    await recordTrace(
      this.db.manager,
      passes.flatMap((pass) =>
        entries.filter((entry) => entry.includes(pass.serial_number)).map((message) => ({ tenantId: pass.tenant_id, passId: pass.id, kind: 'device_log' as const, detail: { message: message.slice(0, 1000) } })),
      ),
    );
  }

  /**
   * An authorized pass of a tenant that is not suspended. A suspended tenant's passes get
   * the same 401 as a wrong token (Apple's answer for "not authorized"): Wallet stops
   * updating them and the caller learns nothing more. Unregistering stays possible.
   */
  private async servablePass(ctx: CallContext, passTypeIdentifier: string, serialNumber: string, credential: PassCredential | null): Promise<Pass> {
    const pass = await this.authorizedPass(passTypeIdentifier, serialNumber, credential);
    if (!(await this.tenants.isActive(ctx.requestId, pass.tenantId))) throw new DomainError('unauthenticated', 'Request not authorized');
    return pass;
  }

  /**
   * The Apple pass with this type and serial whose token the credential carries. A deleted
   * pass still answers (its final, voided version must reach devices). Every refusal is the
   * same 401, so a caller learns nothing about which serials exist.
   */
  private async authorizedPass(passTypeIdentifier: string, serialNumber: string, credential: PassCredential | null): Promise<Pass> {
    const pass = SERIAL.test(serialNumber)
      ? await this.db.getRepository(Pass).findOneBy({ serialNumber, passTypeIdentifier, passType: 'apple' })
      : null;
    if (!tokenMatches(pass?.authenticationToken ?? null, credential) || !pass) {
      throw new DomainError('unauthenticated', 'Request not authorized');
    }
    return pass;
  }
}
