import { ServiceDataSourceOptions, openServiceDatabase, pendingSchemaChanges } from '@wp/database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export type DatabaseDefinition = Omit<ServiceDataSourceOptions, 'url'>;

function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function asAdmin(sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, empty database for one spec file, dropped by the returned function (`FORCE` ends
 * connections a failed test left open).
 */
export async function scratchDatabase(prefix = 'wp_int'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  return { url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * Migrates a scratch database with a service's migrations and fails when its entities
 * would still need SQL: entities and migrations have drifted, so run
 * `node dist/tools/generate-migration.js <service> <Name>`.
 */
export async function expectNoSchemaDrift(definition: DatabaseDefinition): Promise<void> {
  const scratch = await scratchDatabase('wp_drift');
  try {
    const dataSource = await openServiceDatabase({ ...definition, url: scratch.url });
    try {
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await scratch.drop();
  }
}
