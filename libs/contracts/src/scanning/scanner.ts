import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Page, PageQueryDto } from '../pagination';
import type { Rpc } from '../rpc';

/** `Authorization: Bearer sc_` + 32 lowercase hex: a till's device token (spec/API.md §8.7). */
export const SCANNER_TOKEN_PREFIX = 'sc_';

export class CreateScannerDto {
  @ApiProperty({ example: 'Till 1, Rue Cler', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

export class ScannerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Till 1, Rue Cler' }) name: string;
  @ApiProperty({ example: 'sc_3f2a', description: 'Display prefix, never the token' }) prefix: string;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at: string | null;
  @ApiProperty({ nullable: true, type: String }) revoked_at: string | null;
}

export class ScannerCreated {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Till 1, Rue Cler' }) name: string;
  @ApiProperty({ example: 'sc_0123456789abcdef0123456789abcdef', description: 'Shown once; only its hash is stored' }) token: string;
  @ApiProperty() created_at: string;
}

export class RevokedScannerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() revoked_at: string;
}

// Do not change the values: they are channel names on the Redis transport.
export const ScannerPatterns = {
  create: 'tenant.scanners.create',
  list: 'tenant.scanners.list',
  revoke: 'tenant.scanners.revoke',
} as const;

export interface ScannerRpcMap {
  [ScannerPatterns.create]: Rpc<CreateScannerDto, ScannerCreated>;
  [ScannerPatterns.list]: Rpc<PageQueryDto, Page<ScannerView>>;
  [ScannerPatterns.revoke]: Rpc<{ id: string }, RevokedScannerView>;
}
