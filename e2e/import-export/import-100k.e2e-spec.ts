import { Admin, Fleet, FleetMember, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { IMPORT_FLEET_ENV, importCsv, ledgerState, rssBytes, waitForBatch } from './import-export.helpers';

const ROWS = 100_000;
const MB = 1024 * 1024;
/** Far above what streaming needs (one chunk of rows at a time), far below holding 100,000 rows several times over. */
const RSS_GROWTH_LIMIT = 300 * MB;
const WATCHED: FleetMember[] = ['gateway', 'pass-generation', 'member-data'];

/**
 * The largest import the contract allows, end to end: streamed through the gateway, staged,
 * applied chunk by chunk, with progress visible while it runs and memory that does not grow
 * with the file. Rows per second and peak RSS are printed for docs/import-export.md; no
 * assertion depends on the machine's speed.
 */
describe('member CSV import at 100,000 rows', () => {
  let fleet: Fleet;
  let admin: Admin;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: IMPORT_FLEET_ENV });
    admin = await bootstrapAdmin(fleet);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  test('100,000 rows import with progress and bounded memory', async () => {
    const tenant = await onboardTenant(fleet, admin);
    const lines = ['member_id,member_name,member_email,points'];
    for (let i = 0; i < ROWS; i += 1) lines.push(`BIG-${String(i).padStart(6, '0')},"Member ${i}, Ünïcode",m${i}@example.com,${i % 500}`);
    const csv = Buffer.from(`${lines.join('\r\n')}\r\n`);

    const baseline = Object.fromEntries(WATCHED.map((member) => [member, rssBytes(fleet, member)]));
    const peak = { ...baseline };
    const sample = setInterval(() => {
      for (const member of WATCHED) peak[member] = Math.max(peak[member], rssBytes(fleet, member));
    }, 200);
    const started = Date.now();
    const progress: number[] = [];
    try {
      const submitted = await importCsv(tenant, csv);
      expect(submitted.status).toBe(202);
      expect(submitted.body.data).toMatchObject({ state: 'queued', total: ROWS });
      const uploadedMs = Date.now() - started;
      const batch = await waitForBatch(tenant, submitted.body.data.batch_id, (view) => {
        progress.push(view.succeeded);
        return view.state === 'completed';
      });
      const seconds = (Date.now() - started) / 1000;
      expect(batch).toMatchObject({ state: 'completed', total: ROWS, succeeded: ROWS, failed: 0, pending: 0, errors: [] });
      // Progress was visible while it ran, not only at the end.
      expect(progress.some((done) => done > 0 && done < ROWS)).toBe(true);

      const growth = Object.fromEntries(WATCHED.map((member) => [member, Math.round((peak[member] - baseline[member]) / MB)]));
      console.log(
        `100k import: ${Math.round(ROWS / seconds)} rows/s (${seconds.toFixed(1)} s, upload ${(uploadedMs / 1000).toFixed(1)} s); ` +
          `peak RSS MB ${WATCHED.map((m) => `${m} ${Math.round(peak[m] / MB)} (+${growth[m]})`).join(', ')}`,
      );
      for (const member of WATCHED) expect(peak[member] - baseline[member]).toBeLessThan(RSS_GROWTH_LIMIT);
    } finally {
      clearInterval(sample);
    }

    const state = await ledgerState(fleet, tenant.tenantId);
    expect(Object.keys(state.balances)).toHaveLength(ROWS);
    expect(state.balances['BIG-012345']).toBe(12345 % 500);
    expect(state.ledgerRows).toBe(ROWS);
    const one = await tenant.api.get('/v1/members/BIG-099999');
    expect(one.body.data).toMatchObject({ member_name: 'Member 99999, Ünïcode', member_email: 'm99999@example.com', points: 99999 % 500 });
  }, 1_200_000); // bounded by waitForBatch's stall detection, not by a guess at the machine's speed
});
