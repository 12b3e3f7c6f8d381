import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each member keeps the list of its passes, as pass-generation last reported it, so
 * GET /v1/members/{id} answers from member-data alone. NULL means "never reported" (members
 * from before this migration): the first read asks pass-generation once and fills it.
 */
export class MemberPassLists1796000000000 implements MigrationInterface {
  name = 'MemberPassLists1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "member"."members" ADD "passes" jsonb`);
    await queryRunner.query(`ALTER TABLE "member"."members" ADD "passes_as_of" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "member"."members" DROP COLUMN "passes_as_of"`);
    await queryRunner.query(`ALTER TABLE "member"."members" DROP COLUMN "passes"`);
  }
}
