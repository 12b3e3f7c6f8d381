import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrollment forms look members up by e-mail (case-insensitively) and by phone number
 * within a tenant. Expression and partial indexes TypeORM cannot describe, hence declared
 * on the entity with `synchronize: false` and built here.
 */
export class MemberContactLookup1796510000001 implements MigrationInterface {
  name = 'MemberContactLookup1796510000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_members_tenant_email" ON "member"."members" ("tenant_id", lower("member_email")) WHERE "deleted_at" IS NULL AND "member_email" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_members_tenant_phone" ON "member"."members" ("tenant_id", "phone_number") WHERE "deleted_at" IS NULL AND "phone_number" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "member"."idx_members_tenant_phone"`);
    await queryRunner.query(`DROP INDEX "member"."idx_members_tenant_email"`);
  }
}
