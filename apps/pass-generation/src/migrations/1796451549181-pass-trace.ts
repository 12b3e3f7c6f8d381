import { MigrationInterface, QueryRunner } from 'typeorm';

export class PassTrace1796451549181 implements MigrationInterface {
  name = 'PassTrace1796451549181';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pass"."pass_trace" ("id" BIGSERIAL NOT NULL, "tenant_id" uuid NOT NULL, "pass_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "kind" character varying(32) NOT NULL, "detail" jsonb NOT NULL, CONSTRAINT "PK_ad7013cc039f4d04eabd0d5a772" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_pass_trace_at" ON "pass"."pass_trace" ("at") `);
    await queryRunner.query(`CREATE INDEX "idx_pass_trace_pass_at" ON "pass"."pass_trace" ("pass_id", "at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "pass"."idx_pass_trace_pass_at"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_pass_trace_at"`);
    await queryRunner.query(`DROP TABLE "pass"."pass_trace"`);
  }
}
