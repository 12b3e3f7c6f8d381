import { Inject, Injectable } from '@nestjs/common';
import { BootstrapResult, BootstrapSuperAdminDto, DomainError, LoginDto, LoginResult } from '@wp/contracts';
import { dummyPasswordHash, generateToken, hashPassword, sha256Hex, verifyPassword } from '@wp/crypto';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, EntityManager } from 'typeorm';
import type { TenantManagementConfig } from '../tokens';
import { AdminSession } from './admin-session.entity';
import { LoginThrottle } from './login-throttle';
import { SuperAdmin } from './super-admin.entity';

@Injectable()
export class AdminsService {
  constructor(
    private readonly db: DataSource,
    private readonly throttle: LoginThrottle,
    @Inject(CONFIG) private readonly config: TenantManagementConfig,
  ) {}

  /** One time only: every later call is a 409, even when two race for the first. */
  async bootstrap(dto: BootstrapSuperAdminDto): Promise<BootstrapResult> {
    // Refuse before hashing: this route is public, and scrypt is deliberately expensive.
    if ((await this.db.getRepository(SuperAdmin).count()) > 0) throw new DomainError('conflict', 'A super admin already exists');
    const passwordHash = await hashPassword(dto.password, this.config.PASSWORD_HASH_COST);
    return this.db.transaction(async (tx) => {
      // Serialises concurrent bootstraps; the loser then sees the winner's row.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tenant.bootstrap-super-admin'))`);
      if ((await tx.count(SuperAdmin)) > 0) throw new DomainError('conflict', 'A super admin already exists');
      const admin = await tx.save(tx.create(SuperAdmin, { email: dto.email.toLowerCase(), name: dto.name, passwordHash }));
      const session = await this.openSession(tx, admin.id);
      return {
        admin: { id: admin.id, email: admin.email, name: admin.name, created_at: admin.createdAt.toISOString() },
        ...session,
      };
    });
  }

  async login(dto: LoginDto, ip: string | undefined): Promise<LoginResult> {
    const email = dto.email.toLowerCase();
    await this.throttle.assertAllowed(email, ip);
    const admin = await this.db.getRepository(SuperAdmin).findOneBy({ email });
    // Verify against a dummy hash for unknown e-mails so timing does not reveal which exist.
    const valid = await verifyPassword(dto.password, admin?.passwordHash ?? dummyPasswordHash(this.config.PASSWORD_HASH_COST));
    if (!admin || !valid) {
      await this.throttle.fail(email, ip);
      throw new DomainError('unauthenticated', 'Invalid e-mail or password');
    }
    await this.throttle.succeed(email, ip);
    return this.openSession(this.db.manager, admin.id);
  }

  private async openSession(manager: EntityManager, adminId: string): Promise<LoginResult> {
    const token = generateToken('st');
    const expiresAt = new Date(Date.now() + this.config.ADMIN_TOKEN_TTL_S * 1000);
    await manager.save(manager.create(AdminSession, { adminId, tokenHash: sha256Hex(token), expiresAt, revokedAt: null }));
    return { access_token: token, expires_at: expiresAt.toISOString() };
  }
}
