import type { DevicePlatform } from '@wp/contracts';
import type { TraceCarrier } from '@wp/observability';

/** A pass has a new version: find who holds it (one job per pass.updated event). */
export interface PassFanoutJob extends TraceCarrier {
  kind: 'pass';
  tenantId: string;
  passId: string;
  eventId: string;
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

export type PassPushJob = PassFanoutJob | DevicePushJob;

// BullMQ job ids may not contain ':'. Device library identifiers are [A-Za-z0-9._-].
export const fanoutJobId = (eventId: string) => `pass.${eventId}`;

/** One push per device and pass version: a second pass.updated for the same version adds nothing. */
export const devicePushJobId = (passId: string, version: number, deviceLibraryIdentifier: string) => `device.${passId}.v${version}.${deviceLibraryIdentifier}`;
