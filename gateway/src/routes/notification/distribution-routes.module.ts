import { Module } from '@nestjs/common';
import { DistributionController } from './distribution.controller';
import { PublicLinksController } from './public-links.controller';
import { TwilioStatusController } from './twilio-status.controller';

/** Distribution paths owned by notification: /v1/distribution/*, /v1/twilio/*, /s/{code}, /p/{token}*. */
@Module({ controllers: [DistributionController, TwilioStatusController, PublicLinksController] })
export class DistributionRoutesModule {}
