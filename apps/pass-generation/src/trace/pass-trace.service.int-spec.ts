import { openServiceDatabase } from '@wp/database';
import { scratchDatabase } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { passDatabase } from '../database';
import { PassTraceService } from './pass-trace.service';
import { recordTrace } from './trace-recorder';

describe('pass trace retention', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_trace');
    db = await openServiceDatabase({ ...passDatabase, url: scratch.url });
  });
  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  it('prunes steps older than 30 days and keeps the rest', async () => {
    const tenantId = randomUUID();
    const passId = randomUUID();
    const steps = ['old', 'edge', 'fresh'].map((message) => ({ tenantId, passId, kind: 'device_log' as const, detail: { message } }));
    await recordTrace(db.manager, steps);
    await db.query(`UPDATE pass.pass_trace SET at = now() - interval '31 days' WHERE detail->>'message' = 'old'`);
    await db.query(`UPDATE pass.pass_trace SET at = now() - interval '29 days' WHERE detail->>'message' = 'edge'`);
    const trace = new PassTraceService(db);
    expect(await trace.prune()).toBe(1);
    const left = (await db.query(`SELECT detail->>'message' AS message FROM pass.pass_trace WHERE pass_id = $1 ORDER BY at`, [passId])) as Array<{ message: string }>;
    expect(left.map((row) => row.message)).toEqual(['edge', 'fresh']);
    expect(await trace.prune()).toBe(0);
  });
});
