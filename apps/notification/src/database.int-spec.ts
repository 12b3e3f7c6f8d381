import { expectNoSchemaDrift } from '@wp/testing';
import { notificationDatabase } from './database';

describe('notification schema', () => {
  it('is exactly what the migrations build (no entity change without a migration)', async () => {
    await expectNoSchemaDrift(notificationDatabase);
  });
});
