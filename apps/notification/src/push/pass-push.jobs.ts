import type { DevicePlatform } from '@wp/contracts';
import type { TraceCarrier } from '@wp/observability';

/** A pass has a new version: find who holds it (one job per pass.updated event). */
export interface PassFanoutJob extends TraceCarrier {
  kind: 'pass';
  tenantId: string;
  passId: string;
  eventId: string;
}

/**
 * A device registered a pass (one job per pass.installed event): if the pass changed just
 * before, that change's fan-out may have read the registrations before this one committed,
 * and the device would keep the version it downloaded. See PassPusher.catchUp.
 */
export interface PassCatchUpJob {
  kind: 'installed';
  tenantId: string;
  passId: string;
  eventId: string;
  /** When the registration happened (the event's occurredAt), ISO 8601. */
  installedAt: string;
}

/** Tell one device about one version. Ids and the token only; credentials are looked up by the worker. */
export interface DevicePushJob extends TraceCarrier {
  kind: 'device';
  tenantId: string;
  passId: string;
  version: number;
  deviceLibraryIdentifier: string;
  pushToken: string;
  topic: string;
  platform: DevicePlatform;
}

export type PassPushJob = PassFanoutJob | PassCatchUpJob | DevicePushJob;

// BullMQ job ids may not contain ':'. Device library identifiers are [A-Za-z0-9._-].
export const fanoutJobId = (eventId: string) => `pass.${eventId}`;
export const catchUpJobId = (eventId: string) => `installed.${eventId}`;

/** One push per device and pass version: a second pass.updated for the same version adds nothing. */
export const devicePushJobId = (passId: string, version: number, deviceLibraryIdentifier: string) => `device.${passId}.v${version}.${deviceLibraryIdentifier}`;
