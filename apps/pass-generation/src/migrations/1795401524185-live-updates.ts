import { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveUpdates1795401524185 implements MigrationInterface {
  name = 'LiveUpdates1795401524185';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pass"."device_registrations" ("device_library_identifier" character varying(128) NOT NULL, "pass_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "pass_type_identifier" character varying(255) NOT NULL, "platform" character varying(16) NOT NULL, "push_token" character varying(512) NOT NULL, "listed_tag" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2fef1ca20e00fe8f024066e2119" PRIMARY KEY ("device_library_identifier", "pass_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_device_registrations_token" ON "pass"."device_registrations" ("push_token", "pass_type_identifier") `);
    await queryRunner.query(`CREATE INDEX "idx_device_registrations_pass" ON "pass"."device_registrations" ("pass_id") `);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "distribution_channel" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "message" text`);
    await queryRunner.query(`ALTER TABLE "pass"."device_registrations" ADD CONSTRAINT "FK_4b12e390c9d6140650dcae22711" FOREIGN KEY ("pass_id") REFERENCES "pass"."passes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pass"."device_registrations" DROP CONSTRAINT "FK_4b12e390c9d6140650dcae22711"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "message"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "distribution_channel"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_device_registrations_pass"`);
    await queryRunner.query(`DROP INDEX "pass"."idx_device_registrations_token"`);
    await queryRunner.query(`DROP TABLE "pass"."device_registrations"`);
  }
}
