import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** The operator console's static files at /console (served by the gateway itself). */
@Module({ controllers: [ConsoleController] })
export class ConsoleRoutesModule {}
