import { Injectable } from '@nestjs/common';
import {
  AppleCredentialsDto,
  AppleSigningCredentials,
  AppleWalletView,
  DomainError,
  GoogleCredentialsDto,
  GoogleWalletCredentials,
  GoogleWalletView,
} from '@wp/contracts';
import { SecretBox } from '@wp/crypto';
import { GoogleCredentialError, parseServiceAccount } from '@wp/google-wallet';
import { AppleCredentialError, parseAppleCredentials } from '@wp/pkpass';
import { DataSource } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { walletsView } from '../tenants/tenant.view';
import { WalletCredential, WalletKind } from './wallet-credential.entity';

interface SealedApple {
  certificatePem: string;
  privateKeyPem: string;
  chainPems: string[];
}

/** Associated data binds a ciphertext to its tenant and wallet: copied elsewhere, it will not open. */
const aad = (tenantId: string, wallet: WalletKind) => `${tenantId}:${wallet}`;

@Injectable()
export class WalletCredentialsService {
  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
  ) {}

  async putApple(tenantId: string, dto: AppleCredentialsDto): Promise<AppleWalletView> {
    const hasPem = Boolean(dto.certificate_pem || dto.private_key_pem);
    if (hasPem && dto.p12_base64) throw DomainError.invalid('p12_base64', 'send either certificate_pem with private_key_pem, or p12_base64, not both');
    if (!hasPem && !dto.p12_base64) throw DomainError.invalid('certificate_pem', 'send certificate_pem with private_key_pem, or p12_base64 with passphrase');
    if (hasPem && !dto.certificate_pem) throw DomainError.invalid('certificate_pem', 'is required with private_key_pem');
    if (hasPem && !dto.private_key_pem) throw DomainError.invalid('private_key_pem', 'is required with certificate_pem');

    let parsed;
    try {
      parsed = parseAppleCredentials(dto);
    } catch (error) {
      if (error instanceof AppleCredentialError) throw DomainError.invalid(error.field, error.message);
      throw error;
    }
    if (parsed.passTypeIdentifier && parsed.passTypeIdentifier !== dto.pass_type_identifier) {
      throw DomainError.invalid('pass_type_identifier', `does not match the certificate, which is for ${parsed.passTypeIdentifier}`);
    }
    if (parsed.teamIdentifier && parsed.teamIdentifier !== dto.team_identifier) {
      throw DomainError.invalid('team_identifier', `does not match the certificate, which is for team ${parsed.teamIdentifier}`);
    }
    const secret: SealedApple = { certificatePem: parsed.certificatePem, privateKeyPem: parsed.privateKeyPem, chainPems: parsed.chainPems };
    const metadata = {
      pass_type_identifier: dto.pass_type_identifier,
      team_identifier: dto.team_identifier,
      expires_at: parsed.expiresAt.toISOString(),
      subject: parsed.subject,
    };
    const row = await this.store(tenantId, 'apple', metadata, JSON.stringify(secret));
    return walletsView([row]).apple;
  }

  async putGoogle(tenantId: string, dto: GoogleCredentialsDto): Promise<GoogleWalletView> {
    let account;
    try {
      account = parseServiceAccount(dto.service_account_json);
    } catch (error) {
      if (error instanceof GoogleCredentialError) throw DomainError.invalid('service_account_json', error.message);
      throw error;
    }
    const json = typeof dto.service_account_json === 'string' ? (JSON.parse(dto.service_account_json) as Record<string, unknown>) : dto.service_account_json;
    const row = await this.store(tenantId, 'google', { issuer_id: dto.issuer_id, client_email: account.clientEmail }, JSON.stringify(json));
    return walletsView([row]).google;
  }

  async appleSigning(tenantId: string): Promise<AppleSigningCredentials | null> {
    const row = await this.db.getRepository(WalletCredential).findOneBy({ tenantId, wallet: 'apple' });
    if (!row) return null;
    const secret = JSON.parse(this.box.openText(row.sealedSecret, aad(tenantId, 'apple'))) as SealedApple;
    return {
      passTypeIdentifier: row.metadata.pass_type_identifier,
      teamIdentifier: row.metadata.team_identifier,
      expiresAt: row.metadata.expires_at,
      ...secret,
    };
  }

  async googleWallet(tenantId: string): Promise<GoogleWalletCredentials | null> {
    const row = await this.db.getRepository(WalletCredential).findOneBy({ tenantId, wallet: 'google' });
    if (!row) return null;
    return {
      issuerId: row.metadata.issuer_id,
      serviceAccountJson: JSON.parse(this.box.openText(row.sealedSecret, aad(tenantId, 'google'))) as Record<string, unknown>,
    };
  }

  private async store(tenantId: string, wallet: WalletKind, metadata: Record<string, string>, secret: string): Promise<WalletCredential> {
    if (!(await this.db.getRepository(Tenant).existsBy({ id: tenantId }))) throw DomainError.notFound('Tenant');
    const repo = this.db.getRepository(WalletCredential);
    await repo.upsert(
      { tenantId, wallet, metadata, sealedSecret: this.box.seal(secret, aad(tenantId, wallet)), keyId: this.box.keyId },
      { conflictPaths: ['tenantId', 'wallet'] },
    );
    return repo.findOneByOrFail({ tenantId, wallet });
  }
}
