import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox rows carry the W3C trace context of the change that wrote them, so the relayed job continues that trace. */
export class OutboxTraceParent1797400000001 implements MigrationInterface {
  name = 'OutboxTraceParent1797400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "member"."outbox" ADD "trace_parent" character varying(55)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "member"."outbox" DROP COLUMN "trace_parent"`);
  }
}
