// The hot-path benchmark's baseline: one Node process, Fastify and a `pg` pool, serving the two
// routes the fleet serves, on the fleet's own tables (member-data's schema) and with the same
// SQL work per request: the member row for GET; for PUT, in one transaction, the row lock, the
// reference check, the tier programme read, the balance update, the ledger row and the outbox
// event. It authenticates with a constant-time key comparison. What it does not do (a bus hop,
// per-tenant rate limits, validation against the contract, logs, metrics) is what the fleet
// pays for being a fleet; the ratio to this server is that price.
import fastify from 'fastify';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Pool } from 'pg';

const databaseUrl = process.env.DATABASE_URL as string;
const tenantId = process.env.TENANT_ID as string;
const keyHash = createHash('sha256').update(process.env.API_KEY as string).digest();
const pool = new Pool({ connectionString: databaseUrl, max: 10 });
const app = fastify({ logger: false });

function authorized(header: unknown): boolean {
  if (typeof header !== 'string') return false;
  return timingSafeEqual(createHash('sha256').update(header).digest(), keyHash);
}

const MEMBER_SQL = `SELECT id, member_id, member_name, member_email, phone_number, style_group_id, points, tier, version, passes, created_at, updated_at
  FROM member.members WHERE tenant_id = $1 AND member_id = $2 AND deleted_at IS NULL`;

app.get<{ Params: { id: string } }>('/v1/members/:id', async (request, reply) => {
  if (!authorized(request.headers['x-api-key'])) return reply.code(401).send({ error: { code: 'unauthorized' } });
  const { rows } = await pool.query(MEMBER_SQL, [tenantId, request.params.id]);
  if (!rows[0]) return reply.code(404).send({ error: { code: 'not_found' } });
  return { data: rows[0] };
});

app.put<{ Params: { id: string }; Body: { points: number; operation: string } }>('/v1/members/:id/points', async (request, reply) => {
  if (!authorized(request.headers['x-api-key'])) return reply.code(401).send({ error: { code: 'unauthorized' } });
  const { points: amount } = request.body;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(`${MEMBER_SQL} FOR UPDATE`, [tenantId, request.params.id]);
    const member = rows[0];
    if (!member) {
      await client.query('ROLLBACK');
      return reply.code(404).send({ error: { code: 'not_found' } });
    }
    const reference = randomUUID();
    await client.query('SELECT id FROM member.point_transactions WHERE tenant_id = $1 AND transaction_reference = $2', [tenantId, reference]);
    await client.query('SELECT * FROM member.membership_programmes WHERE tenant_id = $1', [tenantId]);
    const balance = member.points + amount;
    await client.query('UPDATE member.members SET points = $1, version = version + 1, updated_at = now() WHERE id = $2', [balance, member.id]);
    const inserted = await client.query(
      `INSERT INTO member.point_transactions (id, tenant_id, member_pk, delta, balance_after, tier_before, tier_after, operation, transaction_reference, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, 'add', $7, clock_timestamp()) RETURNING created_at`,
      [randomUUID(), tenantId, member.id, amount, balance, member.tier, reference],
    );
    const data = { member_id: member.member_id, points: balance, previous_points: member.points, delta: amount, transaction_reference: reference };
    await client.query(`INSERT INTO member.outbox (event_id, tenant_id, type, data, occurred_at) VALUES ($1, $2, 'member.points_changed', $3, now())`, [
      randomUUID(),
      tenantId,
      JSON.stringify(data),
    ]);
    await client.query('COMMIT');
    return { data: { ...data, created_at: inserted.rows[0].created_at } };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});

app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).then(
  () => process.stdout.write('ready\n'),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
