import { Module } from '@nestjs/common';
import { AssetsController } from './assets.controller';
import { BatchController } from './batch.controller';
import { DemoController } from './demo.controller';
import { PassStylesController } from './pass-styles.controller';
import { PassesController } from './passes.controller';
import { StyleGroupsController } from './style-groups.controller';

/** Paths owned by pass generation, except the Apple web service. */
@Module({ controllers: [PassesController, PassStylesController, StyleGroupsController, AssetsController, DemoController, BatchController] })
export class PassRoutesModule {}
