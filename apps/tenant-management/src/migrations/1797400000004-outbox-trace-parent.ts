import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox rows carry the W3C trace context of the change that wrote them, so the relayed job continues that trace. */
export class OutboxTraceParent1797400000004 implements MigrationInterface {
  name = 'OutboxTraceParent1797400000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant"."outbox" ADD "trace_parent" character varying(55)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant"."outbox" DROP COLUMN "trace_parent"`);
  }
}
