import { Module } from '@nestjs/common';

/** The pass-generation service's features; filled in by their own issues. */
@Module({})
export class PassGenerationModule {}
