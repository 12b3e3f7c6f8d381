import { expectNoSchemaDrift } from '@wp/testing';
import { memberDatabase } from './database';

describe('member-data schema', () => {
  it('is exactly what the migrations build (no entity change without a migration)', async () => {
    await expectNoSchemaDrift(memberDatabase);
  });
});
