import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SearchPageQueryDto } from '../pagination';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

export class BootstrapSuperAdminDto {
  @ApiProperty({ example: 'admin@walletpass.ai' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 12, example: 'SecurePassword123!' })
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(256)
  password: string;

  @ApiProperty({ example: 'Super Admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class LoginDto {
  @ApiProperty({ example: 'admin@walletpass.ai' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class CreateBearerTokenDto {
  @ApiProperty({ example: 'Development Token' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: 'Optional expiry; must be in the future' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  expires_at?: string;
}

export class OnboardTenantDto {
  @ApiProperty({ example: 'My Company' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  company_name: string;

  @ApiProperty({ example: 'contact@mycompany.com' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  contact_email: string;

  @ApiProperty({ example: 'John Doe' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  contact_name: string;
}

/** `PATCH /v1/tenants/{id}` (admin): the tenant's status and platform settings; at least one. */
export class UpdateTenantDto {
  @ApiPropertyOptional({ enum: ['active', 'suspended'], description: 'Suspending stops the tenant\'s keys and passes at once' })
  @ValidateIf((dto: UpdateTenantDto) => dto.status !== undefined || dto.nfc_enabled === undefined)
  @IsIn(['active', 'suspended'], { message: ({ value }) => (value === undefined ? 'send status, nfc_enabled or both' : 'must be active or suspended') })
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({
    description:
      "Whether the tenant's passes may carry NFC (Apple Pay VAS) payloads. Apple grants NFC per Pass Type ID certificate: turn this on only once the tenant's certificate has Apple's NFC entitlement, since Wallet refuses an NFC pass signed without it",
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  nfc_enabled?: boolean;
}

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'POS integration' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;
}

export class AppleCredentialsDto {
  @ApiProperty({ example: 'pass.com.example.loyalty' })
  @IsString()
  @Matches(/^pass\.[A-Za-z0-9][A-Za-z0-9.-]*$/, { message: 'must look like pass.com.example.loyalty' })
  @MaxLength(255)
  pass_type_identifier: string;

  @ApiProperty({ example: 'ABCDE12345' })
  @Matches(/^[A-Z0-9]{10}$/, { message: 'must be the 10-character Apple team identifier' })
  team_identifier: string;

  @ApiPropertyOptional({ description: 'PEM certificate (with private_key_pem)' })
  @IsOptional()
  @IsString()
  @MaxLength(65536)
  certificate_pem?: string;

  @ApiPropertyOptional({ description: 'PEM private key for certificate_pem' })
  @IsOptional()
  @IsString()
  @MaxLength(65536)
  private_key_pem?: string;

  @ApiPropertyOptional({ description: 'PKCS#12 bundle, base64 (legacy 3DES or AES encodings)' })
  @IsOptional()
  @IsString()
  @MaxLength(262144)
  p12_base64?: string;

  @ApiPropertyOptional({ description: 'Passphrase of the PKCS#12 bundle or of an encrypted PEM key' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  passphrase?: string;
}

@ValidatorConstraint({ name: 'stringOrObject' })
class StringOrObject implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value));
  }
  defaultMessage(): string {
    return 'must be the service-account JSON, as a string or an object';
  }
}

export class GoogleCredentialsDto {
  @ApiProperty({ example: '3388000000012345678' })
  @Matches(/^\d{5,25}$/, { message: 'must be the numeric Google Wallet issuer id' })
  issuer_id: string;

  @ApiProperty({
    description: 'The service-account key file, as a JSON string or an object',
    oneOf: [{ type: 'string' }, { type: 'object' }],
  })
  @IsDefined()
  @Validate(StringOrObject)
  service_account_json: string | Record<string, unknown>;
}

/** ISO 4217 alphabetic codes the runtime knows (Intl), so a typo such as `EUR0` or `XXY` is refused. */
export const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** PATCH /v1/tenant (spec/API.md §8.7): a tenant's own settings. */
export class UpdateCurrentTenantDto {
  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217 code of stored value (balance); upper case' })
  @IsOptional()
  @IsIn([...CURRENCIES], { message: 'must be an ISO 4217 currency code such as EUR' })
  currency?: string;
}

/** `q` matches a company name by substring or a tenant id by prefix, case-insensitively. */
export class ListTenantsQueryDto extends SearchPageQueryDto {}
