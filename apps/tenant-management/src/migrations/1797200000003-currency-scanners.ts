import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenants' currency (ISO 4217, default EUR) and scanner devices with hashed sc_ tokens (spec/API.md §8.7). */
export class CurrencyScanners1797200000003 implements MigrationInterface {
  name = 'CurrencyScanners1797200000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "tenant"."scanners" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "token_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_d0dde186775b3956c4cec1e73c7" UNIQUE ("token_hash"), CONSTRAINT "PK_f4804ec12667d305ac04219ca4f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_scanners_tenant_created" ON "tenant"."scanners" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "tenant"."tenants" ADD "currency" character(3) NOT NULL DEFAULT 'EUR'`);
    await queryRunner.query(`ALTER TABLE "tenant"."scanners" ADD CONSTRAINT "FK_20d27086aa31efa25daf8a8b586" FOREIGN KEY ("tenant_id") REFERENCES "tenant"."tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant"."scanners" DROP CONSTRAINT "FK_20d27086aa31efa25daf8a8b586"`);
    await queryRunner.query(`ALTER TABLE "tenant"."tenants" DROP COLUMN "currency"`);
    await queryRunner.query(`DROP INDEX "tenant"."idx_scanners_tenant_created"`);
    await queryRunner.query(`DROP TABLE "tenant"."scanners"`);
  }
}
