import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795398325875 implements MigrationInterface {
  name = 'Initial1795398325875';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "member"."outbox" ("seq" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "tenant_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "idx_outbox_published_at" ON "member"."outbox" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "idx_outbox_unpublished" ON "member"."outbox" ("seq") WHERE "published_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "member"."members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "member_id" character varying(64) NOT NULL, "member_name" character varying(200), "member_email" character varying(254), "phone_number" character varying(16), "style_group_id" uuid, "points" integer NOT NULL DEFAULT '0', "tier" character varying(64) NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_members_points_non_negative" CHECK ("points" >= 0), CONSTRAINT "PK_28b53062261b996d9c99fa12404" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_members_tenant_tier_created" ON "member"."members" ("tenant_id", "tier", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_members_tenant_created" ON "member"."members" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_members_tenant_member" ON "member"."members" ("tenant_id", "member_id") WHERE "deleted_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "member"."membership_programmes" ("tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "tiers" jsonb NOT NULL, "version" integer NOT NULL, "retiered_version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e824ba6804490977017be4b66b4" PRIMARY KEY ("tenant_id"))`);
    await queryRunner.query(`CREATE TABLE "member"."point_transactions" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "member_pk" uuid NOT NULL, "delta" integer NOT NULL, "balance_after" integer NOT NULL, "tier_before" character varying(64) NOT NULL, "tier_after" character varying(64) NOT NULL, "operation" character varying(8) NOT NULL, "description" character varying(255), "transaction_reference" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ceb5185b63f070e23d65509b0a7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_point_transactions_member" ON "member"."point_transactions" ("member_pk", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_point_transactions_reference" ON "member"."point_transactions" ("tenant_id", "transaction_reference") `);
    await queryRunner.query(`ALTER TABLE "member"."point_transactions" ADD CONSTRAINT "fk_point_transactions_member" FOREIGN KEY ("member_pk") REFERENCES "member"."members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "member"."point_transactions" DROP CONSTRAINT "fk_point_transactions_member"`);
    await queryRunner.query(`DROP INDEX "member"."uq_point_transactions_reference"`);
    await queryRunner.query(`DROP INDEX "member"."idx_point_transactions_member"`);
    await queryRunner.query(`DROP TABLE "member"."point_transactions"`);
    await queryRunner.query(`DROP TABLE "member"."membership_programmes"`);
    await queryRunner.query(`DROP INDEX "member"."uq_members_tenant_member"`);
    await queryRunner.query(`DROP INDEX "member"."idx_members_tenant_created"`);
    await queryRunner.query(`DROP INDEX "member"."idx_members_tenant_tier_created"`);
    await queryRunner.query(`DROP TABLE "member"."members"`);
    await queryRunner.query(`DROP INDEX "member"."idx_outbox_unpublished"`);
    await queryRunner.query(`DROP INDEX "member"."idx_outbox_published_at"`);
    await queryRunner.query(`DROP TABLE "member"."outbox"`);
  }
}
