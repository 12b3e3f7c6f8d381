import { Injectable } from '@nestjs/common';
import { CallContext, DomainError, DropRegistrationsRequest, PushDevice, PushTargets, requireTenant } from '@wp/contracts';
import { appendEvents, createEvent } from '@wp/events';
import { DataSource } from 'typeorm';
import { Pass } from '../passes/pass.entity';
import { PassSignersService } from '../signing/pass-signers.service';
import { deviceLabel, recordTrace } from '../trace/trace-recorder';
import { DeviceRegistration } from './device-registration.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What notification needs to push a pass version (registrations live here, with the pass),
 * and the clean-up it asks for when APNs says a token is dead.
 */
@Injectable()
export class PushTargetsService {
  constructor(
    private readonly db: DataSource,
    private readonly signers: PassSignersService,
  ) {}

  async pushTargets(ctx: CallContext, passId: string, withCredentials = true): Promise<PushTargets> {
    // Deleted passes included: their final, voided version is still pushed.
    const pass = UUID.test(passId) ? await this.db.getRepository(Pass).findOneBy({ tenantId: requireTenant(ctx), id: passId }) : null;
    if (!pass) throw DomainError.notFound('Pass');
    const none: PushTargets = { pass_id: pass.id, version: pass.version, version_made_at: pass.updatedAt.toISOString(), topic: null, credentials: null, devices: [] };
    if (pass.passType !== 'apple' || !pass.passTypeIdentifier) return none;
    const registrations = await this.db.getRepository(DeviceRegistration).find({ where: { passId: pass.id }, order: { deviceLibraryIdentifier: 'ASC' } });
    const devices: PushDevice[] = registrations.map((r) => ({ device_library_identifier: r.deviceLibraryIdentifier, push_token: r.pushToken, platform: r.platform }));
    if (devices.length === 0 || !withCredentials) return { ...none, topic: pass.passTypeIdentifier, devices };
    // The certificate that signs the pass is the APNs client certificate for its topic.
    const { signer } = await this.signers.forPass(ctx, pass);
    return {
      ...none,
      topic: pass.passTypeIdentifier,
      credentials: { certificate_pem: signer.certificatePem, private_key_pem: signer.privateKeyPem },
      devices,
    };
  }

  /** Forgets the tenant's Wallet registrations that use a token APNs refused for the topic; each is an uninstall. */
  async dropRegistrations(ctx: CallContext, request: DropRegistrationsRequest): Promise<{ removed: number }> {
    const tenantId = requireTenant(ctx);
    return this.db.transaction(async (tx) => {
      const [rows] = (await tx.query(
        `DELETE FROM pass.device_registrations r USING pass.passes p
         WHERE r.tenant_id = $1 AND r.push_token = $2 AND r.pass_type_identifier = $3 AND r.platform = 'apple' AND p.id = r.pass_id
         RETURNING r.pass_id, p.member_id, r.device_library_identifier`,
        [tenantId, request.push_token, request.topic],
      )) as [Array<{ pass_id: string; member_id: string; device_library_identifier: string }>, number];
      await appendEvents(
        tx,
        rows.map((row) => createEvent('pass.uninstalled', tenantId, { pass_id: row.pass_id, pass_type: 'apple', member_id: row.member_id })),
      );
      // The APNs answer that caused this is the pass's previous trace step.
      await recordTrace(
        tx,
        rows.map((row) => ({
          tenantId,
          passId: row.pass_id,
          kind: 'device_unregistered',
          detail: { device: deviceLabel(row.device_library_identifier), reason: request.reason === 'unregistered' ? 'apns_unregistered' : 'apns_bad_token' },
        })),
      );
      return { removed: rows.length };
    });
  }
}
