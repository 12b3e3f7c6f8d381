import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795399636908 implements MigrationInterface {
  name = 'Initial1795399636908';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-added: entities cannot declare a free-standing sequence. Every pass change takes
    // its next value as the pass's update_tag (the Apple web service's "updated since").
    await queryRunner.query(`CREATE SEQUENCE "pass"."pass_update_tag_seq" AS bigint`);
    await queryRunner.query(`CREATE TABLE "pass"."outbox" ("seq" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "tenant_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "idx_outbox_published_at" ON "pass"."outbox" ("published_at") `);
    await queryRunner.query(`CREATE INDEX "idx_outbox_unpublished" ON "pass"."outbox" ("seq") WHERE "published_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "pass"."processed_events" ("consumer" character varying(64) NOT NULL, "event_id" uuid NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_270df9e0013dff41bb91d555db4" PRIMARY KEY ("consumer", "event_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_processed_events_at" ON "pass"."processed_events" ("processed_at") `);
    await queryRunner.query(`CREATE TABLE "pass"."assets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "filename" character varying(128) NOT NULL, "content_type" character varying(64) NOT NULL, "size" integer NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "sha256" character(64) NOT NULL, "data" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_da96729a8b113377cfb6a62439c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_assets_sha256" ON "pass"."assets" ("sha256") `);
    await queryRunner.query(`CREATE INDEX "idx_assets_tenant_created" ON "pass"."assets" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_assets_tenant_filename" ON "pass"."assets" ("tenant_id", "filename") `);
    await queryRunner.query(`CREATE TABLE "pass"."google_classes" ("tenant_id" uuid NOT NULL, "class_id" character varying(255) NOT NULL, "body_sha256" character(64) NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_14fdceca0084186c28ef1db654e" PRIMARY KEY ("tenant_id"))`);
    await queryRunner.query(`CREATE TABLE "pass"."passes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "pass_type" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "serial_number" character varying(64) NOT NULL, "authentication_token" character varying(64) NOT NULL, "pass_type_identifier" character varying(255), "team_identifier" character varying(16), "signing" character varying(16) NOT NULL, "company_name" character varying(200) NOT NULL, "member_id" character varying(64) NOT NULL, "member_uuid" uuid NOT NULL, "member_name" character varying(200), "points" integer NOT NULL, "tier" character varying(64) NOT NULL, "member_style_group_id" uuid, "member_points_version" integer NOT NULL DEFAULT '0', "member_profile_version" integer NOT NULL DEFAULT '0', "style_group_id" uuid, "pass_style_id" uuid, "rendered_style_id" uuid, "external_id" character varying(128), "channel" character varying(16) NOT NULL, "expiration_date" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "update_tag" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "google_class_id" character varying(255), "google_object_id" character varying(255), "google_save_url" text, "google_synced_version" integer NOT NULL DEFAULT '0', "google_sync_after" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_1b2f6a22f6de133f7d0a7e5edcf" UNIQUE ("serial_number"), CONSTRAINT "PK_134bcc85edb314563da017b64c2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_passes_google_unsynced" ON "pass"."passes" ("update_tag") WHERE "pass_type" = 'google' AND "google_synced_version" < "version"`);
    await queryRunner.query(`CREATE INDEX "idx_passes_tenant_rendered_style" ON "pass"."passes" ("tenant_id", "rendered_style_id") `);
    await queryRunner.query(`CREATE INDEX "idx_passes_update_tag" ON "pass"."passes" ("pass_type_identifier", "update_tag") `);
    await queryRunner.query(`CREATE INDEX "idx_passes_tenant_member" ON "pass"."passes" ("tenant_id", "member_uuid") `);
    await queryRunner.query(`CREATE INDEX "idx_passes_tenant_created" ON "pass"."passes" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "pass"."pass_bundles" ("pass_id" uuid NOT NULL, "version" integer NOT NULL, "bytes" bytea NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d26d91219d0125ef896fd2620ba" PRIMARY KEY ("pass_id"))`);
    await queryRunner.query(`CREATE TABLE "pass"."platform_signers" ("name" character varying(32) NOT NULL, "sealed_secret" text NOT NULL, "key_id" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ceb743a557047f109f8e4e65c5f" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "pass"."pass_styles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "is_default" boolean NOT NULL DEFAULT false, "brand_colors" jsonb NOT NULL, "assets" jsonb NOT NULL, "barcode" jsonb NOT NULL, "fields" jsonb NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_597161e267a02e456260a59ac90" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_pass_styles_default" ON "pass"."pass_styles" ("tenant_id") WHERE "is_default"`);
    await queryRunner.query(`CREATE INDEX "idx_pass_styles_tenant_created" ON "pass"."pass_styles" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "pass"."style_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "rules" jsonb NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2bf8dd1216cf73b4c7c5ad24986" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_style_groups_tenant_created" ON "pass"."style_groups" ("tenant_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "pass"."pass_bundles" ADD CONSTRAINT "FK_d26d91219d0125ef896fd2620ba" FOREIGN KEY ("pass_id") REFERENCES "pass"."passes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pass"."pass_bundles" DROP CONSTRAINT "FK_d26d91219d0125ef896fd2620ba"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_style_groups_tenant_created"`);
    await queryRunner.query(`DROP TABLE "pass"."style_groups"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_pass_styles_tenant_created"`);
    await queryRunner.query(`DROP INDEX "pass"."uq_pass_styles_default"`);
    await queryRunner.query(`DROP TABLE "pass"."pass_styles"`);
    await queryRunner.query(`DROP TABLE "pass"."platform_signers"`);
    await queryRunner.query(`DROP TABLE "pass"."pass_bundles"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_passes_tenant_created"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_passes_tenant_member"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_passes_update_tag"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_passes_tenant_rendered_style"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_passes_google_unsynced"`);
    await queryRunner.query(`DROP TABLE "pass"."passes"`);
    await queryRunner.query(`DROP TABLE "pass"."google_classes"`);
    await queryRunner.query(`DROP INDEX "pass"."uq_assets_tenant_filename"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_assets_tenant_created"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_assets_sha256"`);
    await queryRunner.query(`DROP TABLE "pass"."assets"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_processed_events_at"`);
    await queryRunner.query(`DROP TABLE "pass"."processed_events"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_outbox_unpublished"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_outbox_published_at"`);
    await queryRunner.query(`DROP TABLE "pass"."outbox"`);
    await queryRunner.query(`DROP SEQUENCE "pass"."pass_update_tag_seq"`);
  }
}
