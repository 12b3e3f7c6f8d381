import { Module } from '@nestjs/common';
import { eventConsumerProvider, outboxRelayProvider } from '@wp/events';
import { AssetsController } from './assets/assets.controller';
import { AssetsService } from './assets/assets.service';
import { DemoController } from './demo/demo.controller';
import { DemoService } from './demo/demo.service';
import { GoogleObjectSyncer } from './google/google-object.syncer';
import { GooglePassService } from './google/google-pass.service';
import { PassInternalController } from './internal/pass-internal.controller';
import { PassInternalService } from './internal/pass-internal.service';
import { MemberEventsSubscriber } from './member-events/member-events.subscriber';
import { MemberPassesController } from './member-passes/member-passes.controller';
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
    // pass.* events leave through this service's outbox; member.* events arrive on its queue.
    outboxRelayProvider(),
    eventConsumerProvider('pass-generation', MemberEventsSubscriber),
  ],
})
export class PassGenerationModule {}
