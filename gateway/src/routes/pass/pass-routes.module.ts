import { Module } from '@nestjs/common';
import { AssetsController } from './assets.controller';
import { BatchController, BatchListController } from './batch.controller';
import { DemoController } from './demo.controller';
import { PassStylesController } from './pass-styles.controller';
import { PassesController } from './passes.controller';
import { PassRedemptionController } from './pass-redemption.controller';
import { StyleGroupsController } from './style-groups.controller';

/** Paths owned by pass generation, except the Apple web service. */
@Module({ controllers: [PassesController, PassRedemptionController, PassStylesController, StyleGroupsController, AssetsController, DemoController, BatchController, BatchListController] })
export class PassRoutesModule {}
