import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795397135039 implements MigrationInterface {
  name = 'Initial1795397135039';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "tenant"."super_admins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "password_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9719b4228e14e28a8253cb108f2" UNIQUE ("email"), CONSTRAINT "PK_466d3b6370f0695b22d664e9dff" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "tenant"."admin_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "admin_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_820cb9c73b9f2bf3f2fb678d935" UNIQUE ("token_hash"), CONSTRAINT "PK_38bb553c2372215d48de2306c5e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_52683d67b3d122a8867d745beb" ON "tenant"."admin_sessions" ("admin_id") `);
    await queryRunner.query(`CREATE TABLE "tenant"."tenants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "company_name" character varying(200) NOT NULL, "contact_email" character varying(254) NOT NULL, "contact_name" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "onboarded_by" character varying(80), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_tenants_created" ON "tenant"."tenants" ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "tenant"."api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(100), "key_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_api_keys_tenant_created" ON "tenant"."api_keys" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "tenant"."bearer_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "token_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_fd9b8ddad7896b02b10868cf6d9" UNIQUE ("token_hash"), CONSTRAINT "PK_fd71c485c726ad6a3e8eae498e6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "tenant"."wallet_credentials" ("tenant_id" uuid NOT NULL, "wallet" character varying(16) NOT NULL, "metadata" jsonb NOT NULL, "sealed_secret" text NOT NULL, "key_id" character varying(16) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0598b282fc5f5ad6b74e750cc1a" PRIMARY KEY ("tenant_id", "wallet"))`);
    await queryRunner.query(`ALTER TABLE "tenant"."admin_sessions" ADD CONSTRAINT "FK_52683d67b3d122a8867d745beb6" FOREIGN KEY ("admin_id") REFERENCES "tenant"."super_admins"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tenant"."api_keys" ADD CONSTRAINT "FK_3ac18429c8d27858d79432e0dda" FOREIGN KEY ("tenant_id") REFERENCES "tenant"."tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tenant"."wallet_credentials" ADD CONSTRAINT "FK_e25a0a9a747ea8f0b482c882726" FOREIGN KEY ("tenant_id") REFERENCES "tenant"."tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenant"."wallet_credentials" DROP CONSTRAINT "FK_e25a0a9a747ea8f0b482c882726"`);
    await queryRunner.query(`ALTER TABLE "tenant"."api_keys" DROP CONSTRAINT "FK_3ac18429c8d27858d79432e0dda"`);
    await queryRunner.query(`ALTER TABLE "tenant"."admin_sessions" DROP CONSTRAINT "FK_52683d67b3d122a8867d745beb6"`);
    await queryRunner.query(`DROP TABLE "tenant"."wallet_credentials"`);
    await queryRunner.query(`DROP TABLE "tenant"."bearer_tokens"`);
    await queryRunner.query(`DROP INDEX "tenant"."idx_api_keys_tenant_created"`);
    await queryRunner.query(`DROP TABLE "tenant"."api_keys"`);
    await queryRunner.query(`DROP INDEX "tenant"."idx_tenants_created"`);
    await queryRunner.query(`DROP TABLE "tenant"."tenants"`);
    await queryRunner.query(`DROP INDEX "tenant"."IDX_52683d67b3d122a8867d745beb"`);
    await queryRunner.query(`DROP TABLE "tenant"."admin_sessions"`);
    await queryRunner.query(`DROP TABLE "tenant"."super_admins"`);
  }
}
