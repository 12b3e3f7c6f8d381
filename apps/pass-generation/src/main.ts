import { HealthPatterns } from '@wp/contracts';
import { runService } from '@wp/service-runtime';
import { passGenerationSpec } from './config';
import { passDatabase } from './database';
import { PassGenerationModule } from './pass-generation.module';

void runService({
  name: 'pass-generation',
  healthPattern: HealthPatterns['pass-generation'],
  module: PassGenerationModule,
  config: passGenerationSpec,
  database: passDatabase,
});
