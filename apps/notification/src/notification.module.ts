import { Module } from '@nestjs/common';

/** The notification service's features; filled in by their own issues. */
@Module({})
export class NotificationModule {}
