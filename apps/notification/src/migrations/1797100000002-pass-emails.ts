import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pass e-mails (spec/API.md §8.7): every send recorded, and short links say which channel
 * they went out by, so the installs they lead to are counted under it.
 */
export class PassEmails1797100000002 implements MigrationInterface {
  name = 'PassEmails1797100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification"."email_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "pass_id" uuid NOT NULL, "member_id" character varying(64), "to_address" character varying(254) NOT NULL, "subject" character varying(200) NOT NULL, "body" text NOT NULL, "attachments" text array NOT NULL, "short_link_id" uuid NOT NULL, "dry_run" boolean NOT NULL, "status" character varying(16) NOT NULL, "smtp_message_id" character varying(255), "error_message" character varying(500), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_922cad79d5a315f5d1d06b077da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_email_messages_tenant_created" ON "notification"."email_messages" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "notification"."short_links" ADD "channel" character varying(8) NOT NULL DEFAULT 'sms'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification"."short_links" DROP COLUMN "channel"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_email_messages_tenant_created"`);
    await queryRunner.query(`DROP TABLE "notification"."email_messages"`);
  }
}
