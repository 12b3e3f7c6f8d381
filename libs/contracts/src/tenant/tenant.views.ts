import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response shapes. Classes (not interfaces) so the OpenAPI document shows them.

export class AdminView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() created_at: string;
}

export class BootstrapResult {
  @ApiProperty({ type: AdminView }) admin: AdminView;
  @ApiProperty({ description: 'st_ admin access token, shown once' }) access_token: string;
  @ApiProperty() expires_at: string;
}

export class LoginResult {
  @ApiProperty({ description: 'st_ admin access token' }) access_token: string;
  @ApiProperty() expires_at: string;
}

export class BearerTokenCreated {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'bt_ + 32 hex, shown once' }) token: string;
  @ApiProperty({ nullable: true, type: String }) expires_at: string | null;
  @ApiProperty() created_at: string;
}

export class BearerTokenView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Display prefix, never the token' }) prefix: string;
  @ApiProperty({ nullable: true, type: String }) expires_at: string | null;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at: string | null;
  @ApiProperty({ nullable: true, type: String }) revoked_at: string | null;
}

export class OnboardResult {
  @ApiProperty() tenant_id: string;
  @ApiProperty({ description: 'wp_ + 32 hex, shown once' }) api_key: string;
  @ApiProperty() company_name: string;
  @ApiProperty() created_at: string;
}

export class AppleWalletView {
  @ApiProperty() configured: boolean;
  @ApiPropertyOptional() pass_type_identifier?: string;
  @ApiPropertyOptional() team_identifier?: string;
  @ApiPropertyOptional() expires_at?: string;
  @ApiPropertyOptional({ description: "The certificate's notAfter (same as expires_at); tenant.certificate_expiring fires 30, 14, 7 and 1 days before" }) not_after?: string;
  @ApiPropertyOptional() subject?: string;
  @ApiPropertyOptional() updated_at?: string;
}

export class GoogleWalletView {
  @ApiProperty() configured: boolean;
  @ApiPropertyOptional() issuer_id?: string;
  @ApiPropertyOptional() client_email?: string;
  @ApiPropertyOptional() updated_at?: string;
}

export class WalletsView {
  @ApiProperty({ type: AppleWalletView }) apple: AppleWalletView;
  @ApiProperty({ type: GoogleWalletView }) google: GoogleWalletView;
}

export class TenantView {
  @ApiProperty() tenant_id: string;
  @ApiProperty() company_name: string;
  @ApiProperty() contact_email: string;
  @ApiProperty() contact_name: string;
  @ApiProperty({ enum: ['active', 'suspended'] }) status: 'active' | 'suspended';
  @ApiProperty({ description: 'Passes may carry NFC payloads (set by an admin once Apple has granted the certificate NFC)' }) nfc_enabled: boolean;
  @ApiProperty({ example: 'EUR', description: "ISO 4217 currency of members' stored value (balance)" }) currency: string;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
  @ApiProperty({ type: WalletsView }) wallets: WalletsView;
}

export class ApiKeyView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Display prefix, never the key' }) prefix: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at: string | null;
  @ApiProperty({ nullable: true, type: String }) revoked_at: string | null;
}

export class ApiKeyCreated {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'wp_ + 32 hex, shown once' }) api_key: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() created_at: string;
}

export class RevokedView {
  @ApiProperty() id: string;
  @ApiProperty() revoked_at: string;
}

/** What a credential resolves to; the gateway caches it for a short time. */
export type Principal =
  | { kind: 'admin'; adminId: string; expiresAt: string }
  | { kind: 'bearer'; tokenId: string; expiresAt: string | null }
  | { kind: 'tenant'; tenantId: string; keyId: string }
  | { kind: 'scanner'; tenantId: string; scannerId: string }
  | { kind: 'rejected'; reason: 'unknown' | 'revoked' | 'expired' | 'suspended' };

export interface ResolveCredentialRequest {
  /** SHA-256 hex of the presented key or token: the secret itself never crosses the wire. */
  hash: string;
  type: 'api_key' | 'access_token' | 'bearer_token' | 'scanner_token';
}

/** Decrypted wallet credentials, for the services that sign passes and push updates. */
export interface AppleSigningCredentials {
  passTypeIdentifier: string;
  teamIdentifier: string;
  certificatePem: string;
  privateKeyPem: string;
  chainPems: string[];
  expiresAt: string;
}

export interface GoogleWalletCredentials {
  issuerId: string;
  serviceAccountJson: Record<string, unknown>;
}

export interface TenantProfile {
  tenantId: string;
  companyName: string;
  status: 'active' | 'suspended';
  /** The tenant's passes may carry NFC payloads (its certificate has Apple's NFC entitlement). */
  nfcEnabled: boolean;
  /** ISO 4217: what `{balance}` on the tenant's passes is counted in. */
  currency: string;
}
