import { MigrationInterface, QueryRunner } from 'typeorm';

export class PassContent1796480000000 implements MigrationInterface {
  name = 'PassContent1796480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "content" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "pass"."pass_styles" ADD "content" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pass"."pass_styles" DROP COLUMN "content"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "content"`);
  }
}
