import { expectNoSchemaDrift } from '@wp/testing';
import { tenantDatabase } from './database';

describe('tenant-management schema', () => {
  it('is exactly what the migrations build (no entity change without a migration)', async () => {
    await expectNoSchemaDrift(tenantDatabase);
  });
});
