import { MigrationInterface, QueryRunner } from 'typeorm';

export class Distribution1795398614696 implements MigrationInterface {
  name = 'Distribution1795398614696';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification"."outbox" ("seq" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "tenant_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "idx_outbox_published_at" ON "notification"."outbox" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "idx_outbox_unpublished" ON "notification"."outbox" ("seq") WHERE "published_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "notification"."hosted_pages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "pass_id" uuid NOT NULL, "member_id" character varying(64), "token" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7c6fe48f617b66790c385afe545" UNIQUE ("token"), CONSTRAINT "uq_hosted_pages_tenant_pass" UNIQUE ("tenant_id", "pass_id"), CONSTRAINT "PK_fd404865cd58e8da0f465a68705" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "notification"."short_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "code" character varying(32) NOT NULL, "hosted_page_id" uuid NOT NULL, "clicks" integer NOT NULL DEFAULT '0', "last_clicked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d9e777e466e606d53d51398311d" UNIQUE ("code"), CONSTRAINT "PK_c3adbf03db8463f26000c7457a7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_short_links_page" ON "notification"."short_links" ("hosted_page_id") `);
    await queryRunner.query(`CREATE TABLE "notification"."sms_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "pass_id" uuid NOT NULL, "member_id" character varying(64), "to_number" character varying(16) NOT NULL, "body" text NOT NULL, "short_link_id" uuid NOT NULL, "dry_run" boolean NOT NULL, "status" character varying(16) NOT NULL, "provider_sid" character varying(64), "error_code" character varying(16), "error_message" character varying(500), "send_attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_58cd1f2ce727566d000294ef41a" UNIQUE ("provider_sid"), CONSTRAINT "PK_6d4cfef86e93e3fde23954d11bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_sms_messages_tenant_created" ON "notification"."sms_messages" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "notification"."short_links" ADD CONSTRAINT "FK_2d6cbb7ed2d741390083accb622" FOREIGN KEY ("hosted_page_id") REFERENCES "notification"."hosted_pages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification"."sms_messages" ADD CONSTRAINT "FK_481927f827035ab2ea9937f313c" FOREIGN KEY ("short_link_id") REFERENCES "notification"."short_links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification"."sms_messages" DROP CONSTRAINT "FK_481927f827035ab2ea9937f313c"`);
    await queryRunner.query(`ALTER TABLE "notification"."short_links" DROP CONSTRAINT "FK_2d6cbb7ed2d741390083accb622"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_sms_messages_tenant_created"`);
    await queryRunner.query(`DROP TABLE "notification"."sms_messages"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_short_links_page"`);
    await queryRunner.query(`DROP TABLE "notification"."short_links"`);
    await queryRunner.query(`DROP TABLE "notification"."hosted_pages"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_outbox_unpublished"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_outbox_published_at"`);
    await queryRunner.query(`DROP TABLE "notification"."outbox"`);
  }
}
