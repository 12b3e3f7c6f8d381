import { Inject, Injectable } from '@nestjs/common';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';

export interface AndroidPassUpdate {
  tenantId: string;
  passId: string;
  version: number;
  /** The pass type identifier the Android app registered the pass under. */
  topic: string;
  pushToken: string;
}

/**
 * Where pushes for devices that registered with `AndroidPass` go. Their tokens come from
 * Android wallet apps (WalletPasses, Pass2U, ...), never from APNs: sending them to APNs only
 * earns BadDeviceToken. Each app runs its own push relay; an implementation
 * of this interface is the place to call one.
 */
export interface AndroidPassRelay {
  notify(update: AndroidPassUpdate): Promise<void>;
}

export const ANDROID_PASS_RELAY = Symbol('ANDROID_PASS_RELAY');

/**
 * No relay configured: the update is only logged. Android apps that speak Apple's protocol
 * also poll the web service, so the pass still updates there, just later.
 */
@Injectable()
export class LoggingAndroidPassRelay implements AndroidPassRelay {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  async notify(update: AndroidPassUpdate): Promise<void> {
    this.logger.info({ pass_id: update.passId, version: update.version, topic: update.topic }, 'android pass update not relayed (no relay configured)');
  }
}
