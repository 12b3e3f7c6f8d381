import { Module } from '@nestjs/common';
import { ApnsSender } from '../apns/apns-sender';
import { ANDROID_PASS_RELAY, LoggingAndroidPassRelay } from './android-pass.relay';
import { PassPushDispatcher } from './pass-push.dispatcher';
import { PassPushQueue } from './pass-push.queue';
import { PassPushWorker } from './pass-push.worker';
import { PassPusher } from './pass-pusher';
import { PushTraceBuffer } from './push-trace.buffer';

/** Live updates: APNs pushes for every new pass version, to every registered device. */
@Module({
  providers: [ApnsSender, PassPushQueue, PassPusher, PushTraceBuffer, PassPushWorker, PassPushDispatcher, { provide: ANDROID_PASS_RELAY, useClass: LoggingAndroidPassRelay }],
  exports: [PassPushDispatcher],
})
export class PushModule {}
