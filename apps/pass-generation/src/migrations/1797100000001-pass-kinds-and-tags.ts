import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Passes keep the kind they were created as and carry tags (spec/API.md §8.7); Google
 * classes are kept per class, since a tenant now has one per vertical its passes use.
 * The tags index is GIN (for `tags @> ARRAY[...]`), declared on the entity with
 * `synchronize: false` and built here.
 */
export class PassKindsAndTags1797100000001 implements MigrationInterface {
  name = 'PassKindsAndTags1797100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "kind" character varying(16) NOT NULL DEFAULT 'store_card'`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" ADD "tags" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "idx_passes_tags" ON "pass"."passes" USING gin ("tags") WHERE "deleted_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "pass"."google_classes" DROP CONSTRAINT "PK_14fdceca0084186c28ef1db654e"`);
    await queryRunner.query(`ALTER TABLE "pass"."google_classes" ADD CONSTRAINT "PK_8d412e0753981ca566529a20326" PRIMARY KEY ("tenant_id", "class_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "pass"."google_classes" WHERE "class_id" NOT LIKE '%.wp-' || "tenant_id"::text`);
    await queryRunner.query(`ALTER TABLE "pass"."google_classes" DROP CONSTRAINT "PK_8d412e0753981ca566529a20326"`);
    await queryRunner.query(`ALTER TABLE "pass"."google_classes" ADD CONSTRAINT "PK_14fdceca0084186c28ef1db654e" PRIMARY KEY ("tenant_id")`);
    await queryRunner.query(`DROP INDEX "pass"."idx_passes_tags"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "tags"`);
    await queryRunner.query(`ALTER TABLE "pass"."passes" DROP COLUMN "kind"`);
  }
}
