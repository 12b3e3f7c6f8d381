import { Module } from '@nestjs/common';
import { ScanController } from './scan.controller';
import { ScannersController } from './scanners.controller';

/** Scanners (tenant-management) and the till's scan routes (pass-generation). */
@Module({ controllers: [ScannersController, ScanController] })
export class ScanningRoutesModule {}
