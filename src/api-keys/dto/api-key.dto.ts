import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { SCOPES, type Scope } from '../../auth/scopes.js';
import { API_KEY_MODES, type ApiKeyMode } from '../api-key.entity.js';

export class CreateApiKeyDto {
  /** A label for the key, e.g. the system that uses it. @example "checkout-prod" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: SCOPES, isArray: true, example: ['scores:write', 'consents:write'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SCOPES.length)
  @IsIn(SCOPES, { each: true })
  scopes!: Scope[];

  /** `test` keys (`gx_test_…`) hit the sandbox. */
  @ApiProperty({ enum: API_KEY_MODES, example: 'live' })
  @IsIn(API_KEY_MODES)
  mode!: ApiKeyMode;
}

export class ApiKeyDto {
  /** @example "key_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  tenantId!: string;
  /** @example "checkout-prod" */
  name!: string;
  /** The first characters of the key, for recognising it. @example "gx_live_Ab12Cd34" */
  prefix!: string;
  @ApiProperty({ enum: SCOPES, isArray: true, example: ['scores:write', 'consents:write'] })
  scopes!: Scope[];
  @ApiProperty({ enum: API_KEY_MODES, example: 'live' })
  mode!: ApiKeyMode;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  revokedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /** The secret. Shown once, in this response only: store it now. @example "gx_live_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv1" */
  key!: string;
}
