import { Module } from '@nestjs/common';
import { AppleWebServiceController } from './apple-web-service.controller';

/** /apple/v1/*: Apple's PassKit web service, owned by pass generation. */
@Module({ controllers: [AppleWebServiceController] })
export class AppleRoutesModule {}
