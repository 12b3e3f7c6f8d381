import { MigrationInterface, QueryRunner } from 'typeorm';

/** Style kinds (spec/API.md §8.7): every existing style stays a store card. */
export class PassKinds1797100000000 implements MigrationInterface {
  name = 'PassKinds1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pass"."pass_styles" ADD "kind" character varying(16) NOT NULL DEFAULT 'store_card'`);
    await queryRunner.query(`ALTER TABLE "pass"."pass_styles" ADD "transit_type" character varying(16)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pass"."pass_styles" DROP COLUMN "transit_type"`);
    await queryRunner.query(`ALTER TABLE "pass"."pass_styles" DROP COLUMN "kind"`);
  }
}
