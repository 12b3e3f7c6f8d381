import { MigrationInterface, QueryRunner } from 'typeorm';

/** Coupon passes, redemption, stored value on passes, scans and finding a pass by its barcode (spec/API.md §8.7). */
export class CouponsScanning1797200000002 implements MigrationInterface {
  name = 'CouponsScanning1797200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pass"."scans" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "pass_id" uuid NOT NULL, "scanner_id" uuid NOT NULL, "action" character varying(16) NOT NULL, "points" integer, "amount" integer, "operation" character varying(8), "description" character varying(255), "transaction_reference" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_41156c08314b9e541c1cb18c588" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_scans_pass" ON "pass"."scans" ("pass_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scans_reference" ON "pass"."scans" ("tenant_id", "transaction_reference") `);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "balance" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "member_balance_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "coupon_id" uuid`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "coupon_title" character varying(120)`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "redeemed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "redemption_reference" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "barcode_message" character varying(512)`);
    await queryRunner.query(`ALTER TABLE "pass"."pass_styles" ADD "extend_on_scan_days" integer`);
    await queryRunner.query(`CREATE INDEX "idx_passes_tenant_barcode" ON "pass"."passes" ("tenant_id", "barcode_message") `);
    // Existing passes: the built-in look and any style whose barcode is the default {member_id}
    // show the member id. Passes of other barcode templates get theirs with their next version.
    await queryRunner.query(
      `UPDATE "pass"."passes" p SET "barcode_message" = p."member_id"
        WHERE p."rendered_style_id" IS NULL
           OR EXISTS (SELECT 1 FROM "pass"."pass_styles" s WHERE s."id" = p."rendered_style_id" AND s."barcode"->>'message' = '{member_id}')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "pass"."idx_passes_tenant_barcode"`);
    await queryRunner.query(`ALTER TABLE "pass"."pass_styles" DROP COLUMN "extend_on_scan_days"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "barcode_message"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "redemption_reference"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "redeemed_at"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "coupon_title"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "coupon_id"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "member_balance_version"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "balance"`);
    await queryRunner.query(`DROP INDEX "pass"."uq_scans_reference"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_scans_pass"`);
    await queryRunner.query(`DROP TABLE "pass"."scans"`);
  }
}
