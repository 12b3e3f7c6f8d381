import type { BatchOperation as SubmittedOperation } from '@wp/contracts';
import { openServiceDatabase } from '@wp/database';
import { appendEvent, createEvent } from '@wp/events';
import { scratchDatabase, waitFor } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { passDatabase } from '../database';
import { BatchStore, OperationAlreadyDone } from './batch.store';

const create = (memberId: string): SubmittedOperation => ({ op: 'create_pass', member_id: memberId, pass_type: 'apple', company_name: 'Store Coffee' });

describe('BatchStore', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let db: DataSource;
  let store: BatchStore;

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_batch_store');
    db = await openServiceDatabase({ ...passDatabase, url: scratch.url });
    store = new BatchStore(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  /** The observable effect of an operation in these tests: one outbox event carrying a marker. */
  async function effects(marker: string): Promise<number> {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM pass.outbox WHERE data->>'short_code' = $1`, [marker])) as Array<{ n: number }>;
    return n;
  }

  const effect = (marker: string) => createEvent('link.clicked', randomUUID(), { short_code: marker, pass_id: null, member_id: null });

  it('stores the batch and every operation, in order and pending, without the op in the payload', async () => {
    const tenantId = randomUUID();
    const batch = await store.create(tenantId, 'req-1', [create('A'), { op: 'void_pass', pass_id: randomUUID() }, create('B"\\\'quoted')]);
    expect(batch).toMatchObject({ tenantId, state: 'queued', total: 3, requestId: 'req-1' });
    const pending = await store.pendingInChunk(batch, 0);
    expect(pending.map((o) => [o.index, o.op, o.state])).toEqual([
      [0, 'create_pass', 'pending'],
      [1, 'void_pass', 'pending'],
      [2, 'create_pass', 'pending'],
    ]);
    expect(pending[2].payload).toEqual({ member_id: 'B"\\\'quoted', pass_type: 'apple', company_name: 'Store Coffee' });
    expect(await store.find(randomUUID(), batch.id)).toBeNull();
  });

  it('lets exactly one of two concurrent runs of an operation commit its effect; the other rolls back', async () => {
    const batch = await store.create(randomUUID(), 'req-2', [create('RACE')]);
    const [operation] = await store.pendingInChunk(batch, 0);
    const marker = `race-${batch.id}`;

    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstMarked!: () => void;
    const firstHoldsRow = new Promise<void>((resolve) => (firstMarked = resolve));
    const first = db.transaction(async (tx) => {
      await appendEvent(tx, effect(marker));
      await store.markSucceeded(tx, operation, randomUUID());
      firstMarked();
      await firstMayCommit;
    });
    // The first run holds the operation's row; the second does its effect and queues on that row.
    await firstHoldsRow;
    const second = db.transaction(async (tx) => {
      await appendEvent(tx, effect(marker));
      await store.markSucceeded(tx, operation, randomUUID());
    });
    await waitFor('the second run to wait for the row', async () =>
      (await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).length ? true : undefined,
    );
    releaseFirst();
    await first;
    await expect(second).rejects.toBeInstanceOf(OperationAlreadyDone);

    expect(await effects(marker)).toBe(1);
    expect(await store.pendingInChunk(batch, 0)).toEqual([]);
    expect(await store.counts(batch.id)).toEqual({ succeeded: 1, failed: 0, pending: 0 });
  });

  it('records a failure once, completes the batch only when nothing is pending, and owes only unfinished chunks', async () => {
    const batch = await store.create(randomUUID(), 'req-3', Array.from({ length: 150 }, (_, i) => create(`M-${i}`)));
    expect(batch.chunkSize).toBe(100);
    const owed = () => store.owedChunks().then(({ chunks }) => chunks.filter((c) => c.batchId === batch.id).map((c) => Number(c.chunk)).sort());
    expect(await owed()).toEqual([0, 1]);

    const second = await store.pendingInChunk(batch, 1);
    expect(second.map((o) => o.index)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    for (const operation of second) await store.markFailed(operation, { code: 'not_found', message: 'Member not found' });
    // A second failure record (a re-run) changes nothing.
    await store.markFailed(second[0], { code: 'internal', message: 'Internal error' });
    expect(await owed()).toEqual([0]);
    expect(await store.completeIfDone(batch.id)).toBe(false);

    await store.markRunning(batch.id);
    for (const operation of await store.pendingInChunk(batch, 0)) await db.transaction((tx) => store.markSucceeded(tx, operation, randomUUID()));
    expect(await store.completeIfDone(batch.id)).toBe(true);
    expect(await store.completeIfDone(batch.id)).toBe(false);
    expect(await owed()).toEqual([]);

    const done = await store.find(batch.tenantId, batch.id);
    expect(done).toMatchObject({ state: 'completed', startedAt: expect.any(Date), completedAt: expect.any(Date) });
    expect(await store.counts(batch.id)).toEqual({ succeeded: 100, failed: 50, pending: 0 });
    const failures = await store.failures(batch.id);
    expect(failures).toHaveLength(50);
    expect(failures[0]).toMatchObject({ index: 100, op: 'create_pass', errorCode: 'not_found', errorMessage: 'Member not found' });
  });
});
