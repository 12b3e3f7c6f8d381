import { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateExpiry1796451778262 implements MigrationInterface {
  name = 'CertificateExpiry1796451778262';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "tenant"."outbox" ("seq" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "tenant_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "idx_outbox_published_at" ON "tenant"."outbox" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "idx_outbox_unpublished" ON "tenant"."outbox" ("seq") WHERE "published_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "tenant"."certificate_expiry_alerts" ("tenant_id" uuid NOT NULL, "certificate_fingerprint" character varying(64) NOT NULL, "threshold_days" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_14cc406ef9260a0b454365fdfad" PRIMARY KEY ("tenant_id", "certificate_fingerprint", "threshold_days"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tenant"."certificate_expiry_alerts"`);
    await queryRunner.query(`DROP INDEX "tenant"."idx_outbox_unpublished"`);
    await queryRunner.query(`DROP INDEX "tenant"."idx_outbox_published_at"`);
    await queryRunner.query(`DROP TABLE "tenant"."outbox"`);
  }
}
