import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The public Add to Wallet page of one pass, at /p/{token}. One per pass, so every SMS
 * for a pass leads to the same page. The token is the only credential the page and its
 * .pkpass take, hence unguessable (link-code.generator.ts).
 */
@Entity({ name: 'hosted_pages' })
@Unique('uq_hosted_pages_tenant_pass', ['tenantId', 'passId'])
export class HostedPage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'pass_id', type: 'uuid' })
  passId: string;

  @Column({ name: 'member_id', type: 'varchar', length: 64, nullable: true })
  memberId: string | null;

  @Column({ type: 'varchar', length: 32, unique: true })
  token: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
