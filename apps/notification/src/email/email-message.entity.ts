import type { EmailStatus } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One pass e-mail: what was (or, in a dry run, would be) sent, to whom, and how the SMTP server took it. */
@Entity({ name: 'email_messages' })
@Index('idx_email_messages_tenant_created', ['tenantId', 'createdAt', 'id'])
export class EmailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'pass_id', type: 'uuid' })
  passId: string;

  @Column({ name: 'member_id', type: 'varchar', length: 64, nullable: true })
  memberId: string | null;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  to: string;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', array: true })
  attachments: string[];

  @Column({ name: 'short_link_id', type: 'uuid' })
  shortLinkId: string;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: EmailStatus;

  /** The Message-ID the SMTP server accepted. */
  @Column({ name: 'smtp_message_id', type: 'varchar', length: 255, nullable: true })
  smtpMessageId: string | null;

  @Column({ name: 'error_message', type: 'varchar', length: 500, nullable: true })
  errorMessage: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
