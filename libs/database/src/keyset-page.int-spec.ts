import { scratchDatabase } from '@wp/testing';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { pageNewestFirst } from './keyset-page';

@Entity({ name: 'rows' })
class Row {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'integer' }) n: number;
}

describe('pageNewestFirst', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_keyset');
    db = new DataSource({ type: 'postgres', url: scratch.url, entities: [Row] });
    await db.initialize();
    await db.query('CREATE TABLE rows (id uuid PRIMARY KEY, created_at timestamptz NOT NULL, n integer NOT NULL)');
  });

  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  it('walks every row once, also when rows differ only in microseconds', async () => {
    // Twelve rows inside one millisecond, in an order unrelated to their ids.
    await db.query(`INSERT INTO rows (id, created_at, n)
      SELECT gen_random_uuid(), timestamptz '2026-01-09 10:30:00.123' + make_interval(secs => (i % 4) * 0.0001), i
      FROM generate_series(1, 12) AS i`);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await pageNewestFirst(db.getRepository(Row).createQueryBuilder('r'), 'r', { limit: 5, cursor }, (r) => r.n);
      seen.push(...page.items);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
