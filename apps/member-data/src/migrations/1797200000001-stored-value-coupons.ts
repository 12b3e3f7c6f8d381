import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored value (members.balance, ledger rows of kind `balance`, references unique per kind)
 * and the coupon catalogue with its issues (spec/API.md §8.7).
 */
export class StoredValueCoupons1797200000001 implements MigrationInterface {
  name = 'StoredValueCoupons1797200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "member"."uq_point_transactions_reference"`);
    await queryRunner.query(`CREATE TABLE "member"."coupon_issues" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "coupon_id" uuid NOT NULL, "member_pk" uuid NOT NULL, "member_id" character varying(64) NOT NULL, "pass_id" uuid NOT NULL, "pass_type" character varying(16) NOT NULL, "price_points" integer NOT NULL, "expiration_date" TIMESTAMP WITH TIME ZONE, "state" character varying(16) NOT NULL, "failure" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_e4fd07d0e0c9919f64661393c70" UNIQUE ("pass_id"), CONSTRAINT "PK_c643b0ba71eacb133e1c33665e7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_coupon_issues_coupon" ON "member"."coupon_issues" ("coupon_id") `);
    await queryRunner.query(`CREATE INDEX "idx_coupon_issues_pending" ON "member"."coupon_issues" ("created_at") WHERE "state" = 'pending'`);
    await queryRunner.query(`CREATE TABLE "member"."coupons" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "description" character varying(1000), "price_points" integer, "stock" integer, "issued" integer NOT NULL DEFAULT '0', "valid_days" integer, "expires_at" TIMESTAMP WITH TIME ZONE, "style_id" uuid, "external_reference" character varying(128), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_coupons_stock" CHECK ("stock" IS NULL OR "issued" <= "stock"), CONSTRAINT "PK_d7ea8864a0150183770f3e9a8cb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_coupons_tenant_created" ON "member"."coupons" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "member"."members" ADD "balance" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "member"."point_transactions" ADD "kind" character varying(8) NOT NULL DEFAULT 'points'`);
    // Widened in place (TypeORM would drop and re-add it, losing the ledger's operations): coupon_purchase is 15 characters.
    await queryRunner.query(`ALTER TABLE "member"."point_transactions" ALTER COLUMN "operation" TYPE character varying(16)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_point_transactions_reference" ON "member"."point_transactions" ("tenant_id", "kind", "transaction_reference") `);
    await queryRunner.query(`ALTER TABLE "member"."members" ADD CONSTRAINT "chk_members_balance_non_negative" CHECK ("balance" >= 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "member"."members" DROP CONSTRAINT "chk_members_balance_non_negative"`);
    await queryRunner.query(`DROP INDEX "member"."uq_point_transactions_reference"`);
    await queryRunner.query(`ALTER TABLE "member"."point_transactions" ALTER COLUMN "operation" TYPE character varying(8)`);
    await queryRunner.query(`ALTER TABLE "member"."point_transactions" DROP COLUMN "kind"`);
    await queryRunner.query(`ALTER TABLE "member"."members" DROP COLUMN "balance"`);
    await queryRunner.query(`DROP INDEX "member"."idx_coupons_tenant_created"`);
    await queryRunner.query(`DROP TABLE "member"."coupons"`);
    await queryRunner.query(`DROP INDEX "member"."idx_coupon_issues_pending"`);
    await queryRunner.query(`DROP INDEX "member"."idx_coupon_issues_coupon"`);
    await queryRunner.query(`DROP TABLE "member"."coupon_issues"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_point_transactions_reference" ON "member"."point_transactions" ("tenant_id", "transaction_reference") `);
  }
}
