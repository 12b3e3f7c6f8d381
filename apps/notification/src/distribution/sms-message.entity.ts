import type { SmsStatus } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ShortLink } from '../short-links/short-link.entity';

/** One "add your pass" SMS: what was (or, in a dry run, would be) sent, and how it fared. */
@Entity({ name: 'sms_messages' })
@Index('idx_sms_messages_tenant_created', ['tenantId', 'createdAt', 'id'])
export class SmsMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'pass_id', type: 'uuid' })
  passId: string;

  @Column({ name: 'member_id', type: 'varchar', length: 64, nullable: true })
  memberId: string | null;

  /** E.164. */
  @Column({ name: 'to_number', type: 'varchar', length: 16 })
  to: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'short_link_id', type: 'uuid' })
  shortLinkId: string;

  @ManyToOne(() => ShortLink, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'short_link_id' })
  shortLink?: ShortLink;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: SmsStatus;

  /** Twilio's message SID: how status callbacks find the message. */
  @Column({ name: 'provider_sid', type: 'varchar', length: 64, nullable: true, unique: true })
  providerSid: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 16, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'varchar', length: 500, nullable: true })
  errorMessage: string | null;

  @Column({ name: 'send_attempts', type: 'integer', default: 0 })
  sendAttempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
