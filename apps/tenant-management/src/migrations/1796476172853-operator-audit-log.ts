import { MigrationInterface, QueryRunner } from 'typeorm';

export class OperatorAuditLog1796476172853 implements MigrationInterface {
  name = 'OperatorAuditLog1796476172853';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "tenant"."audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_type" character varying(16) NOT NULL, "actor_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "method" character varying(10) NOT NULL, "path" text NOT NULL, "status" smallint, "request_id" character varying(128) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_tenant_created" ON "tenant"."audit_log" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_created" ON "tenant"."audit_log" ("created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "tenant"."idx_audit_log_created"`);
    await queryRunner.query(`DROP INDEX "tenant"."idx_audit_log_tenant_created"`);
    await queryRunner.query(`DROP TABLE "tenant"."audit_log"`);
  }
}
