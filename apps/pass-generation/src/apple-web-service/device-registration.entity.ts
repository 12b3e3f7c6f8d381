import type { DevicePlatform } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Pass } from '../passes/pass.entity';

/**
 * A device that asked to hear about a pass (Apple's register endpoint). The push token
 * belongs to the device, but is kept per registration: a device that re-registers with a new
 * token updates all of its rows. `listed_tag` is the update tag this device was last told
 * about for this pass; together with the device's own `passesUpdatedSince` it lets the
 * "updated since" list survive transactions that commit out of tag order.
 */
@Entity({ name: 'device_registrations' })
@Index('idx_device_registrations_pass', ['passId'])
@Index('idx_device_registrations_token', ['pushToken', 'passTypeIdentifier'])
export class DeviceRegistration {
  @PrimaryColumn({ name: 'device_library_identifier', type: 'varchar', length: 128 })
  deviceLibraryIdentifier: string;

  @PrimaryColumn({ name: 'pass_id', type: 'uuid' })
  passId: string;

  @ManyToOne(() => Pass, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pass_id' })
  pass?: Pass;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The pass's pass type: the list endpoint asks by (device, pass type), and it is the APNs topic. */
  @Column({ name: 'pass_type_identifier', type: 'varchar', length: 255 })
  passTypeIdentifier: string;

  /** apple: pushed through APNs. android: an Android wallet app; never sent to APNs. */
  @Column({ type: 'varchar', length: 16 })
  platform: DevicePlatform;

  @Column({ name: 'push_token', type: 'varchar', length: 512 })
  pushToken: string;

  @Column({ name: 'listed_tag', type: 'bigint', nullable: true })
  listedTag: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
