import { openServiceDatabase } from '@wp/database';
import { expectNoSchemaDrift, scratchDatabase } from '@wp/testing';
import { passDatabase } from './database';

describe('pass-generation schema', () => {
  it('is exactly what the migrations build (no entity change without a migration)', async () => {
    await expectNoSchemaDrift(passDatabase);
  });

  it('hands out strictly increasing update tags', async () => {
    const scratch = await scratchDatabase('wp_pass_seq');
    try {
      const dataSource = await openServiceDatabase({ ...passDatabase, url: scratch.url });
      try {
        const tags = [];
        for (let i = 0; i < 3; i++) tags.push(Number((await dataSource.query(`SELECT nextval('pass.pass_update_tag_seq') AS tag`))[0].tag));
        expect(tags[1]).toBeGreaterThan(tags[0]);
        expect(tags[2]).toBeGreaterThan(tags[1]);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await scratch.drop();
    }
  });
});
