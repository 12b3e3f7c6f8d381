import { MigrationInterface, QueryRunner } from 'typeorm';

/** GET /v1/batches pages a tenant's batches newest first. */
export class BatchList1797600000002 implements MigrationInterface {
  name = 'BatchList1797600000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_batches_tenant_created" ON "pass"."batches" ("tenant_id", "created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "pass"."idx_batches_tenant_created"`);
  }
}
