import { HealthPatterns } from '@wp/contracts';
import { runService } from '@wp/service-runtime';
import { memberDataSpec } from './config';
import { memberDatabase } from './database';
import { MemberDataModule } from './member-data.module';

void runService({
  name: 'member-data',
  healthPattern: HealthPatterns['member-data'],
  module: MemberDataModule,
  config: memberDataSpec,
  database: memberDatabase,
});
