import { Client } from 'pg';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own Postgres schema; no service reads another's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

export function serviceDataSourceOptions(opts: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    // gen_random_uuid() is core Postgres (13+): no superuser-only uuid-ossp extension needed.
    uuidExtension: 'pgcrypto',
    migrationsTransactionMode: 'each',
    // The schema comes from migrations only; drift is caught by a test.
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: opts.applicationName,
    extra: { max: opts.poolSize ?? 10 },
  };
}

/**
 * Makes sure the database and the service's schema exist, so `npm start` works on a fresh
 * machine with nothing but a running Postgres. Several processes may race here at boot:
 * "already exists" from a concurrent creator is success.
 */
export async function ensureDatabaseAndSchema(url: string, schema: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  const probe = new Client({ connectionString: url });
  try {
    await probe.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: database does not exist
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const adminClient = new Client({ connectionString: admin.toString() });
    await adminClient.connect();
    try {
      await adminClient.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    } catch (createError) {
      const code = (createError as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw createError; // duplicate_database / concurrent create
    } finally {
      await adminClient.end();
    }
    await probe.end().catch(() => undefined);
    return ensureDatabaseAndSchema(url, schema);
  }
  try {
    await probe.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error; // concurrent CREATE SCHEMA
  } finally {
    await probe.end();
  }
}

/** Opens the service's data source after applying its pending migrations. */
export async function openServiceDatabase(opts: ServiceDataSourceOptions): Promise<DataSource> {
  await ensureDatabaseAndSchema(opts.url, opts.schema);
  const dataSource = new DataSource(serviceDataSourceOptions(opts));
  await dataSource.initialize();
  // Replicas start together: one applies the migrations while the others wait on a
  // session-level advisory lock (keyed by schema) and then find nothing pending.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${opts.schema}`]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${opts.schema}`]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}

/**
 * The SQL TypeORM would still need to make the tables match the entities. Empty means
 * entities and migrations agree; CI fails otherwise (twenty's drift check).
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
