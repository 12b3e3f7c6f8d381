import { Module } from '@nestjs/common';
import { eventConsumerProvider, outboxRelayProvider } from '@wp/events';
import { AppleWebServiceController } from './apple-web-service/apple-web-service.controller';
import { AppleWebService } from './apple-web-service/apple-web-service.service';
import { TenantStatusService } from './tenant-status/tenant-status.service';
import { TenantCurrencyService } from './tenant-status/tenant-currency.service';
import { CouponPassesController } from './coupons/coupon-passes.controller';
import { CouponPassesService } from './coupons/coupon-passes.service';
import { RedemptionController } from './redemption/redemption.controller';
import { RedemptionService } from './redemption/redemption.service';
import { ScansController } from './scanning/scans.controller';
import { ScansService } from './scanning/scans.service';
import { PushTargetsService } from './apple-web-service/push-targets.service';
import { AssetsController } from './assets/assets.controller';
import { AssetsService } from './assets/assets.service';
import { BatchChunkQueue } from './batch/batch-chunk.queue';
import { BatchChunkRunner } from './batch/batch-chunk.runner';
import { BatchController } from './batch/batch.controller';
import { BatchService } from './batch/batch.service';
import { BatchImportService } from './batch/batch-import.service';
import { ImportChunkRunner } from './batch/import-chunk.runner';
import { BatchStore } from './batch/batch.store';
import { DemoController } from './demo/demo.controller';
import { DemoService } from './demo/demo.service';
import { PkpassDoctorController } from './doctor/pkpass-doctor.controller';
import { PkpassDoctorService } from './doctor/pkpass-doctor.service';
import { PassTraceController } from './trace/pass-trace.controller';
import { PassTracePruner } from './trace/pass-trace.pruner';
import { PassTraceService } from './trace/pass-trace.service';
import { GoogleObjectSyncer } from './google/google-object.syncer';
import { GooglePassService } from './google/google-pass.service';
import { PassInternalController } from './internal/pass-internal.controller';
import { PassInternalService } from './internal/pass-internal.service';
import { MemberEventsSubscriber } from './member-events/member-events.subscriber';
import { MemberPassesController } from './member-passes/member-passes.controller';
import { MemberPassNotifier } from './member-passes/member-pass.notifier';
import { PassMessagesController } from './pass-messages/pass-messages.controller';
import { PassMessagesService } from './pass-messages/pass-messages.service';
import { PassBundlesService } from './passes/pass-bundles.service';
import { PassesController } from './passes/passes.controller';
import { PassesService } from './passes/passes.service';
import { BundleSigner } from './signing/bundle-signer';
import { DevelopmentSignerStore } from './signing/development-signer.store';
import { PassSignersService } from './signing/pass-signers.service';
import { StyleGroupsController } from './style-groups/style-groups.controller';
import { StyleGroupsService } from './style-groups/style-groups.service';
import { PassStylesController } from './styles/pass-styles.controller';
import { PassStylesService } from './styles/pass-styles.service';

@Module({
  controllers: [
    PassStylesController,
    StyleGroupsController,
    AssetsController,
    PassesController,
    DemoController,
    MemberPassesController,
    PassInternalController,
    AppleWebServiceController,
    PassMessagesController,
    BatchController,
    PkpassDoctorController,
    PassTraceController,
    CouponPassesController,
    RedemptionController,
    ScansController,
  ],
  providers: [
    AssetsService,
    PassStylesService,
    StyleGroupsService,
    DevelopmentSignerStore,
    BundleSigner,
    PassSignersService,
    PassBundlesService,
    GooglePassService,
    GoogleObjectSyncer,
    PassesService,
    DemoService,
    PassInternalService,
    MemberEventsSubscriber,
    MemberPassNotifier,
    AppleWebService,
    TenantStatusService,
    TenantCurrencyService,
    CouponPassesService,
    RedemptionService,
    ScansService,
    PushTargetsService,
    PassMessagesService,
    BatchStore,
    BatchChunkRunner,
    ImportChunkRunner,
    BatchImportService,
    BatchChunkQueue,
    BatchService,
    PkpassDoctorService,
    PassTraceService,
    PassTracePruner,
    // pass.* events leave through this service's outbox; member.* events arrive on its queue.
    outboxRelayProvider(),
    eventConsumerProvider('pass-generation', MemberEventsSubscriber),
  ],
})
export class PassGenerationModule {}
