/**
 * `npm run migrations:check`: each service's migrations, run on a scratch database, must
 * build exactly what its entities describe. Prints one line per service and exits 1 on drift,
 * naming the command that writes the missing migration. (The same check runs per service in
 * `npm test` as apps/<service>/src/database.int-spec.ts; this is the quick one for a developer.)
 */
import { openServiceDatabase, pendingSchemaChanges } from '@wp/database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { serviceDatabases } from './service-databases';

async function driftOf(service: string, base: string): Promise<string[]> {
  const url = new URL(base);
  url.pathname = `/wp_migration_check_${randomBytes(4).toString('hex')}`;
  try {
    const dataSource = await openServiceDatabase({ ...serviceDatabases[service].database, url: url.toString() });
    try {
      return await pendingSchemaChanges(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let drifted = 0;
  for (const service of Object.keys(serviceDatabases)) {
    const pending = await driftOf(service, base);
    if (pending.length === 0) {
      console.log(`ok     ${service}: migrations build exactly its entities`);
      continue;
    }
    drifted++;
    console.log(`DRIFT  ${service}: ${pending.length} statement(s) missing from its migrations, e.g.\n         ${pending[0]}`);
    console.log(`       write them: npm run build && node dist/tools/generate-migration.js ${service} <PascalCaseName>`);
  }
  process.exit(drifted ? 1 : 0);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
