import { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantNfc1796480000001 implements MigrationInterface {
  name = 'TenantNfc1796480000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant"."tenants" ADD "nfc_enabled" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant"."tenants" DROP COLUMN "nfc_enabled"`);
  }
}
