import { Injectable } from '@nestjs/common';
import { Principal, ResolveCredentialRequest } from '@wp/contracts';
import { DataSource } from 'typeorm';

interface Row {
  id: string;
  revoked_at: Date | null;
  expires_at?: Date | null;
  admin_id?: string;
  tenant_id?: string;
  tenant_status?: string;
}

/**
 * Turns the SHA-256 of a presented key or token into a principal. Lookups are by digest on
 * a unique index, so no comparison of secrets happens here at all. `last_used_at` is
 * written at most once a minute per credential, keeping the hot path read-only.
 */
@Injectable()
export class CredentialResolverService {
  constructor(private readonly db: DataSource) {}

  async resolve({ type, hash }: ResolveCredentialRequest): Promise<Principal> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return { kind: 'rejected', reason: 'unknown' };
    switch (type) {
      case 'api_key': {
        const found = await this.tenantCredential('api_keys', 'key_hash', hash);
        return 'reason' in found ? found : { kind: 'tenant', tenantId: found.tenantId, keyId: found.id };
      }
      case 'access_token': {
        const [row] = (await this.db.query(`SELECT id, admin_id, revoked_at, expires_at FROM tenant.admin_sessions WHERE token_hash = $1`, [hash])) as Row[];
        if (!row) return { kind: 'rejected', reason: 'unknown' };
        if (row.revoked_at) return { kind: 'rejected', reason: 'revoked' };
        if (row.expires_at && row.expires_at.getTime() <= Date.now()) return { kind: 'rejected', reason: 'expired' };
        return { kind: 'admin', adminId: row.admin_id as string, expiresAt: (row.expires_at as Date).toISOString() };
      }
      case 'bearer_token': {
        const [row] = (await this.db.query(`SELECT id, revoked_at, expires_at FROM tenant.bearer_tokens WHERE token_hash = $1`, [hash])) as Row[];
        if (!row) return { kind: 'rejected', reason: 'unknown' };
        if (row.revoked_at) return { kind: 'rejected', reason: 'revoked' };
        if (row.expires_at && row.expires_at.getTime() <= Date.now()) return { kind: 'rejected', reason: 'expired' };
        await this.touch('bearer_tokens', row.id);
        return { kind: 'bearer', tokenId: row.id, expiresAt: row.expires_at ? row.expires_at.toISOString() : null };
      }
      case 'scanner_token': {
        const found = await this.tenantCredential('scanners', 'token_hash', hash);
        return 'reason' in found ? found : { kind: 'scanner', tenantId: found.tenantId, scannerId: found.id };
      }
      default:
        return { kind: 'rejected', reason: 'unknown' };
    }
  }

  /** A tenant's API key or scanner by digest: refused when unknown, revoked or its tenant is suspended. */
  private async tenantCredential(
    table: 'api_keys' | 'scanners',
    hashColumn: 'key_hash' | 'token_hash',
    hash: string,
  ): Promise<{ id: string; tenantId: string } | Extract<Principal, { kind: 'rejected' }>> {
    const [row] = (await this.db.query(
      `SELECT c.id, c.revoked_at, c.tenant_id, t.status AS tenant_status
         FROM tenant.${table} c JOIN tenant.tenants t ON t.id = c.tenant_id
        WHERE c.${hashColumn} = $1`,
      [hash],
    )) as Row[];
    if (!row) return { kind: 'rejected', reason: 'unknown' };
    if (row.revoked_at) return { kind: 'rejected', reason: 'revoked' };
    if (row.tenant_status !== 'active') return { kind: 'rejected', reason: 'suspended' };
    await this.touch(table, row.id);
    return { id: row.id, tenantId: row.tenant_id as string };
  }

  private async touch(table: 'api_keys' | 'bearer_tokens' | 'scanners', id: string): Promise<void> {
    await this.db.query(
      `UPDATE tenant.${table} SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
