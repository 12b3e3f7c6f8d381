import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HostedPage } from '../hosted-page/hosted-page.entity';

/** /s/{code}: one per message sent, so follows are counted per SMS. */
@Entity({ name: 'short_links' })
export class ShortLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Index('idx_short_links_page')
  @Column({ name: 'hosted_page_id', type: 'uuid' })
  hostedPageId: string;

  @ManyToOne(() => HostedPage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hosted_page_id' })
  hostedPage?: HostedPage;

  /** The channel the link went out by: the installs it leads to are counted under it. */
  @Column({ type: 'varchar', length: 8, default: 'sms' })
  channel: 'sms' | 'email';

  @Column({ type: 'integer', default: 0 })
  clicks: number;

  @Column({ name: 'last_clicked_at', type: 'timestamptz', nullable: true })
  lastClickedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
