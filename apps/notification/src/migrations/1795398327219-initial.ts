import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795398327219 implements MigrationInterface {
  name = 'Initial1795398327219';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification"."processed_events" ("consumer" character varying(64) NOT NULL, "event_id" uuid NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_270df9e0013dff41bb91d555db4" PRIMARY KEY ("consumer", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_processed_events_at" ON "notification"."processed_events" ("processed_at") `);
    await queryRunner.query(`CREATE TABLE "notification"."event_log" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "member_id" character varying(64), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8ccd9b5b44828ea378dd37e691" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_event_log_tenant_type_occurred" ON "notification"."event_log" ("tenant_id", "type", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "idx_event_log_tenant_occurred" ON "notification"."event_log" ("tenant_id", "occurred_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "notification"."idx_event_log_tenant_occurred"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_event_log_tenant_type_occurred"`);
    await queryRunner.query(`DROP TABLE "notification"."event_log"`);
    await queryRunner.query(`DROP INDEX "notification"."idx_processed_events_at"`);
    await queryRunner.query(`DROP TABLE "notification"."processed_events"`);
  }
}
