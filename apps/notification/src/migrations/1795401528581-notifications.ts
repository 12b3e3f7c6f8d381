import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795401528581 implements MigrationInterface {
  name = 'Notifications1795401528581';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification"."notifications" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "pass_id" uuid, "member_id" character varying(64), "message" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_notifications_tenant_created" ON "notification"."notifications" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "notification"."notification_deliveries" ("notification_id" uuid NOT NULL, "pass_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "pass_type" character varying(16) NOT NULL, "channel" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "version" integer, "error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_714fd225ee78b4a865667d92589" PRIMARY KEY ("notification_id", "pass_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_notification_deliveries_pass_created" ON "notification"."notification_deliveries" ("pass_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "notification"."notification_deliveries" ADD CONSTRAINT "FK_435486b970fffc3e33a7450ee97" FOREIGN KEY ("notification_id") REFERENCES "notification"."notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification"."notification_deliveries" DROP CONSTRAINT "FK_435486b970fffc3e33a7450ee97"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_notification_deliveries_pass_created"`);
    await queryRunner.query(`DROP TABLE "notification"."notification_deliveries"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_notifications_tenant_created"`);
    await queryRunner.query(`DROP TABLE "notification"."notifications"`);
  }
}
