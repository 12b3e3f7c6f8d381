import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ApnsClient, ApnsPushRequest, ApnsResult } from '@wp/apns';
import { CONFIG } from '@wp/service-runtime';
import type { NotificationConfig } from '../config';

/**
 * The process's one APNs client: it keeps one HTTP/2 session per Pass Type ID certificate
 * (Apple asks providers to reuse connections), opened on the first push and closed on
 * shutdown after in-flight pushes finish.
 */
@Injectable()
export class ApnsSender implements OnApplicationShutdown {
  private readonly client: ApnsClient;

  constructor(@Inject(CONFIG) config: NotificationConfig) {
    // No connection is opened here: sessions start with the first push to a certificate.
    this.client = new ApnsClient({ url: config.APNS_URL });
  }

  push(request: ApnsPushRequest): Promise<ApnsResult> {
    return this.client.push(request);
  }

  /** After every module's destroy hook, so the push worker has drained before sessions close. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
