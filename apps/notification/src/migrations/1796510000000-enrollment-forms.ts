import { MigrationInterface, QueryRunner } from 'typeorm';

/** Enrollment forms (spec/API.md §8.6): the public sign-up pages at /e/{slug}. */
export class EnrollmentForms1796510000000 implements MigrationInterface {
  name = 'EnrollmentForms1796510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification"."enrollment_forms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "slug" character varying(64) NOT NULL, "pass_type" character varying(16) NOT NULL, "fields" jsonb NOT NULL, "consent_text" text, "style_group_id" uuid, "submissions" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_9ab9dff50a43928f8e013d6b3ce" UNIQUE ("slug"), CONSTRAINT "PK_f0a8eaeba233495f82e3b6fe7f1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_enrollment_forms_tenant_created" ON "notification"."enrollment_forms" ("tenant_id", "created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "notification"."idx_enrollment_forms_tenant_created"`);
    await queryRunner.query(`DROP TABLE "notification"."enrollment_forms"`);
  }
}
