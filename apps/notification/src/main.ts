import { HealthPatterns } from '@wp/contracts';
import { runService } from '@wp/service-runtime';
import { notificationSpec } from './config';
import { notificationDatabase } from './database';
import { NotificationModule } from './notification.module';

void runService({
  name: 'notification',
  healthPattern: HealthPatterns['notification'],
  module: NotificationModule,
  config: notificationSpec,
  database: notificationDatabase,
});
