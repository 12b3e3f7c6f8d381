import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddBatch1795401390676 implements MigrationInterface {
  name = 'AddBatch1795401390676';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pass"."batches" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "state" character varying(16) NOT NULL, "total" integer NOT NULL, "chunk_size" integer NOT NULL, "request_id" character varying(128) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_55e7ff646e969b61d37eea5be7a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_batches_unfinished" ON "pass"."batches" ("created_at") WHERE "state" <> 'completed'`);
    await queryRunner.query(`CREATE TABLE "pass"."batch_operations" ("batch_id" uuid NOT NULL, "index" integer NOT NULL, "op" character varying(16) NOT NULL, "payload" jsonb NOT NULL, "state" character varying(16) NOT NULL, "result_pass_id" uuid, "error_code" character varying(32), "error_message" text, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6ba177f818f3e392c22e0e91df5" PRIMARY KEY ("batch_id", "index"))`);
    await queryRunner.query(`CREATE INDEX "idx_batch_operations_pending" ON "pass"."batch_operations" ("batch_id", "index") WHERE "state" = 'pending'`);
    await queryRunner.query(`ALTER TABLE "pass"."batch_operations" ADD CONSTRAINT "FK_05096c2beb2e6679f7f0d264218" FOREIGN KEY ("batch_id") REFERENCES "pass"."batches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pass"."batch_operations" DROP CONSTRAINT "FK_05096c2beb2e6679f7f0d264218"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_batch_operations_pending"`);
    await queryRunner.query(`DROP TABLE "pass"."batch_operations"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_batches_unfinished"`);
    await queryRunner.query(`DROP TABLE "pass"."batches"`);
  }
}
