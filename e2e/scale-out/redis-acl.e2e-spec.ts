import { FLEET_PROCESSES, Fleet, FleetProcess, TenantFixture, bootstrapAdmin, onboardTenant, repoRoot, waitFor } from '@wp/testing';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The users of deploy/redis/users.acl.template, as rules for `ACL SETUSER`: the template's
 * own lines, with the variables filled in. `default` is left alone (the Redis is shared).
 */
function aclUsers(namespace: string, passwords: Record<FleetProcess, string>): Array<{ process: FleetProcess; rules: string[] }> {
  const template = readFileSync(path.join(repoRoot(), 'deploy/redis/users.acl.template'), 'utf8');
  return template
    .split('\n')
    .filter((line) => line.startsWith('user ') && !line.startsWith('user default '))
    .map((line) => {
      const [, name, ...rules] = line.split(/\s+/);
      const process = name as FleetProcess;
      const variable = `REDIS_PASSWORD_${process.toUpperCase().replace(/-/g, '_')}`;
      return { process, rules: rules.map((rule) => rule.replace('${WP_NAMESPACE}', namespace).replace(`\${${variable}}`, passwords[process])) };
    });
}

/**
 * Issue 12, item 3 (Compose and Kubernetes run Redis with per-service ACL users): a whole
 * fleet runs through the ACL users of the deploy template, each process as its own user
 * with a password in REDIS_URL, and the bus, the event queues and pub/sub all work; a user
 * cannot touch another namespace's keys nor run an admin command.
 */
describe('scale-out: the fleet through Redis ACL users', () => {
  const namespace = `t${randomBytes(5).toString('hex')}`;
  const passwords = Object.fromEntries(FLEET_PROCESSES.map((p) => [p, randomBytes(16).toString('hex')])) as Record<FleetProcess, string>;
  const userName = (p: FleetProcess) => `${namespace}-${p}`;
  const urlOf = (p: FleetProcess) => {
    const url = new URL(REDIS_URL);
    url.username = userName(p);
    url.password = passwords[p];
    return url.toString();
  };
  let admin: Redis;
  let fleet: Fleet;
  let tenant: TenantFixture;

  beforeAll(async () => {
    admin = new Redis(REDIS_URL);
    const users = aclUsers(namespace, passwords);
    expect(users.map((u) => u.process).sort()).toEqual([...FLEET_PROCESSES].sort());
    for (const { process, rules } of users) await admin.call('ACL', 'SETUSER', userName(process), 'reset', ...rules);
    fleet = await Fleet.start({
      namespace,
      processEnv: Object.fromEntries(FLEET_PROCESSES.map((p) => [p, { REDIS_URL: urlOf(p) }])),
    });
    tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet), 'ACL Coffee');
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await fleet?.stop();
    for (const p of FLEET_PROCESSES) await admin.call('ACL', 'DELUSER', userName(p)).catch(() => undefined);
    admin?.disconnect();
  });

  it('serves requests, events and live updates with every process on its own user', async () => {
    expect((await tenant.api.post('/v1/members/register', { member_id: 'acl-1' })).status).toBe(201);
    const pass = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'acl-1', pass_type: 'apple', company_name: 'ACL Coffee' });
    expect(pass.status).toBe(201);
    expect((await tenant.api.put('/v1/members/acl-1/points', { operation: 'add', points: 42, transaction_reference: 'acl-ref' })).status).toBe(200);

    // The points event went outbox → BullMQ → pass-generation, all through the ACL users.
    const db = new Client({ connectionString: fleet.databaseUrl });
    await db.connect();
    try {
      await waitFor('the pass to show the new points', async () => {
        const { rows } = await db.query('SELECT points FROM pass.passes WHERE id = $1', [pass.body.data.pass_id]);
        return rows[0]?.points === 42 ? true : undefined;
      }, 120_000);
    } finally {
      await db.end();
    }

    // Every process is connected as its own user, and as no other.
    const clients = String(await admin.call('CLIENT', 'LIST'));
    for (const p of FLEET_PROCESSES) expect(clients).toContain(`user=${userName(p)} `);
    // ... and names each connection after the fleet, so CLIENT LIST (and npm run chaos) tells fleets apart.
    const ours = clients.split('\n').filter((line) => line.includes(` user=${namespace}-`));
    expect(ours.filter((line) => !line.includes(` name=${namespace}:`))).toEqual([]);
  }, 300_000);

  it('keeps each user inside its namespace and away from admin commands', async () => {
    const member = new Redis(urlOf('member-data'), { maxRetriesPerRequest: 0 });
    try {
      await member.set(`${namespace}:acl-probe`, '1', 'PX', 10_000);
      await expect(member.get('another-fleet:key')).rejects.toThrow(/NOPERM/);
      await expect(member.call('KEYS', '*')).rejects.toThrow(/NOPERM/);
      await expect(member.call('FLUSHALL')).rejects.toThrow(/NOPERM/);
      await expect(member.call('CLIENT', 'KILL', 'ID', '1')).rejects.toThrow(/NOPERM/);
      await expect(member.subscribe('another-fleet:channel')).rejects.toThrow(/NOPERM/);
    } finally {
      member.disconnect();
    }
  });
});
