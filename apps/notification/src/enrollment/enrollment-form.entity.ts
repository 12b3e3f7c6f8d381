import type { EnrollmentField, EnrollmentPassType } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A public sign-up form at /e/{slug}. Deleting keeps the row (deleted_at) so its slug is
 * never handed to another form: a poster printed for the old form must not sign people up
 * for a new one.
 */
@Entity({ name: 'enrollment_forms' })
@Index('idx_enrollment_forms_tenant_created', ['tenantId', 'createdAt', 'id'])
export class EnrollmentForm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug: string;

  @Column({ name: 'pass_type', type: 'varchar', length: 16 })
  passType: EnrollmentPassType;

  @Column({ type: 'jsonb' })
  fields: EnrollmentField[];

  @Column({ name: 'consent_text', type: 'text', nullable: true })
  consentText: string | null;

  @Column({ name: 'style_group_id', type: 'uuid', nullable: true })
  styleGroupId: string | null;

  /** Accepted sign-ups (a returning person counts again: they submitted again). */
  @Column({ type: 'integer', default: 0 })
  submissions: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
