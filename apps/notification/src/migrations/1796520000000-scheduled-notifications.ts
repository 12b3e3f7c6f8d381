import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduledNotifications1796520000000 implements MigrationInterface {
  name = 'ScheduledNotifications1796520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification"."scheduled_notifications" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "message" text NOT NULL, "send_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" character varying(16) NOT NULL, "audience_kind" character varying(16) NOT NULL, "audience_member_ids" text array, "audience_tier" character varying(64), "audience_resolved" boolean NOT NULL DEFAULT false, "resolve_cursor" character varying(512), "lease_owner" character varying(120), "lease_until" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9eb8b287229934bbd076a5d64f7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_scheduled_notifications_due" ON "notification"."scheduled_notifications" ("send_at") WHERE state IN ('scheduled', 'sending')`);
    await queryRunner.query(`CREATE INDEX "idx_scheduled_notifications_tenant_created" ON "notification"."scheduled_notifications" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "notification"."scheduled_notification_recipients" ("schedule_id" uuid NOT NULL, "member_id" character varying(64) NOT NULL, "tenant_id" uuid NOT NULL, "notification_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "retry_at" TIMESTAMP WITH TIME ZONE, "error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5b864b4d5c5a99cec18f58433bd" PRIMARY KEY ("schedule_id", "member_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_scheduled_recipients_pending" ON "notification"."scheduled_notification_recipients" ("schedule_id", "member_id") WHERE status = 'pending'`);
    await queryRunner.query(`ALTER TABLE "notification"."scheduled_notification_recipients" ADD CONSTRAINT "FK_baee5685acc57898194afb02141" FOREIGN KEY ("schedule_id") REFERENCES "notification"."scheduled_notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification"."scheduled_notification_recipients" DROP CONSTRAINT "FK_baee5685acc57898194afb02141"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_scheduled_recipients_pending"`);
    await queryRunner.query(`DROP TABLE "notification"."scheduled_notification_recipients"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_scheduled_notifications_tenant_created"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_scheduled_notifications_due"`);
    await queryRunner.query(`DROP TABLE "notification"."scheduled_notifications"`);
  }
}
