import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhooksAndInsights1795398576841 implements MigrationInterface {
  name = 'WebhooksAndInsights1795398576841';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification"."metric_rollups" ("tenant_id" uuid NOT NULL, "period" character varying(8) NOT NULL, "bucket_start" TIMESTAMP WITH TIME ZONE NOT NULL, "metric" character varying(32) NOT NULL, "count" bigint NOT NULL, CONSTRAINT "PK_f9c0418a68f8ea5cdf45a781ac3" PRIMARY KEY ("tenant_id", "period", "bucket_start", "metric"))`);
    await queryRunner.query(`CREATE TABLE "notification"."webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "url" character varying(2048) NOT NULL, "events" text array NOT NULL, "description" character varying(200), "sealed_secret" text NOT NULL, "key_id" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "disabled_reason" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_webhooks_tenant_created" ON "notification"."webhooks" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "notification"."webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "webhook_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_type" character varying(64) NOT NULL, "attempt" integer NOT NULL, "status_code" integer, "success" boolean NOT NULL, "error" character varying(300), "response_note" text, "duration_ms" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_webhook_created" ON "notification"."webhook_deliveries" ("webhook_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_event_log_tenant_member_occurred" ON "notification"."event_log" ("tenant_id", "member_id", "occurred_at", "id") `);
    await queryRunner.query(`ALTER TABLE "notification"."webhook_deliveries" ADD CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "notification"."webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification"."webhook_deliveries" DROP CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_event_log_tenant_member_occurred"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_webhook_deliveries_webhook_created"`);
    await queryRunner.query(`DROP TABLE "notification"."webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_webhooks_tenant_created"`);
    await queryRunner.query(`DROP TABLE "notification"."webhooks"`);
    await queryRunner.query(`DROP TABLE "notification"."metric_rollups"`);
  }
}
