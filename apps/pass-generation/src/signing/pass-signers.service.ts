import { Injectable } from '@nestjs/common';
import { AppleSigningCredentials, CallContext, DomainError, TenantPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { PassSigner } from '@wp/pkpass';
import type { Signing } from '../passes/pass.entity';
import type { PassIdentity } from '../rendering/pass-json.builder';
import { DevelopmentSignerStore } from './development-signer.store';

export interface ResolvedSigner {
  signer: PassSigner;
  identity: PassIdentity;
  signing: Signing;
}

/**
 * Who signs a tenant's Apple passes: its own Pass Type ID certificate (production), else the
 * platform's development certificate. A pass keeps the pass type it was issued under, since
 * Wallet identifies a pass by pass type and serial number.
 */
@Injectable()
export class PassSignersService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly development: DevelopmentSignerStore,
  ) {}

  /** For a new pass. */
  async forNewPass(ctx: CallContext): Promise<ResolvedSigner> {
    const credentials = await this.rpc.send(TenantPatterns.getAppleSigningCredentials, ctx, {});
    if (!credentials) return this.developmentSigner();
    assertUsable(credentials);
    return production(credentials);
  }

  /** For an existing pass, under the pass type it was issued with. */
  async forPass(ctx: CallContext, pass: { signing: Signing; passTypeIdentifier: string | null }): Promise<ResolvedSigner> {
    if (pass.signing === 'development') return this.developmentSigner();
    const credentials = await this.rpc.send(TenantPatterns.getAppleSigningCredentials, ctx, {});
    if (!credentials || credentials.passTypeIdentifier !== pass.passTypeIdentifier) {
      throw new DomainError('unprocessable', `This pass was issued under ${pass.passTypeIdentifier}, and no Apple certificate for that pass type is configured (PUT /v1/tenant/apple)`);
    }
    assertUsable(credentials);
    return production(credentials);
  }

  developmentSigner(): ResolvedSigner {
    const dev = this.development.get();
    return {
      signer: { certificatePem: dev.certificatePem, privateKeyPem: dev.privateKeyPem, chainPems: dev.chainPems },
      identity: { passTypeIdentifier: dev.passTypeIdentifier, teamIdentifier: dev.teamIdentifier },
      signing: 'development',
    };
  }
}

function production(credentials: AppleSigningCredentials): ResolvedSigner {
  return {
    signer: { certificatePem: credentials.certificatePem, privateKeyPem: credentials.privateKeyPem, chainPems: credentials.chainPems },
    identity: { passTypeIdentifier: credentials.passTypeIdentifier, teamIdentifier: credentials.teamIdentifier },
    signing: 'production',
  };
}

/** Wallet refuses passes signed with an expired certificate; say so instead of handing one out. */
function assertUsable(credentials: AppleSigningCredentials): void {
  if (Date.parse(credentials.expiresAt) <= Date.now()) {
    throw new DomainError('unprocessable', `The Apple Pass Type ID certificate expired on ${credentials.expiresAt}; upload a new one (PUT /v1/tenant/apple)`);
  }
}
