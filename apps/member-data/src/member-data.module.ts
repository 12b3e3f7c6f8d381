import { Module } from '@nestjs/common';

/** The member-data service's features; filled in by their own issues. */
@Module({})
export class MemberDataModule {}
