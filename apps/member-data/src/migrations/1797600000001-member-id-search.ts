import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /v1/members?q= matches member ids by case-insensitive prefix. text_pattern_ops lets
 * `lower(member_id) LIKE 'abc%'` use the index whatever the database's collation; an
 * expression index TypeORM cannot describe, hence `synchronize: false` on the entity.
 */
export class MemberIdSearch1797600000001 implements MigrationInterface {
  name = 'MemberIdSearch1797600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_members_tenant_member_id_prefix" ON "member"."members" ("tenant_id", lower("member_id") text_pattern_ops) WHERE "deleted_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "member"."idx_members_tenant_member_id_prefix"`);
  }
}
