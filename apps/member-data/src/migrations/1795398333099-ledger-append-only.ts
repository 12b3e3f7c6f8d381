import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The points ledger is append-only: a trigger refuses UPDATE
 * and DELETE, so no code path, however buggy, can rewrite a member's history. Written by
 * hand: TypeORM does not model triggers, so the drift check ignores it.
 */
export class LedgerAppendOnly1795398333099 implements MigrationInterface {
  name = 'LedgerAppendOnly1795398333099';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "member"."point_transactions_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'point_transactions is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trg_point_transactions_append_only" BEFORE UPDATE OR DELETE ON "member"."point_transactions" FOR EACH ROW EXECUTE FUNCTION "member"."point_transactions_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_point_transactions_append_only" ON "member"."point_transactions"`);
    await queryRunner.query(`DROP FUNCTION "member"."point_transactions_append_only"()`);
  }
}
