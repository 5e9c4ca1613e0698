import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_MODES, type ApiKeyMode } from '../api-keys/api-key.entity.js';
import { TenantPlanDto } from '../tenants/dto/tenant-plan.dto.js';
import { TENANT_KINDS, type TenantKind } from '../tenants/tenant.entity.js';
import { SCOPES, type Scope } from './scopes.js';

export class MeTenantDto {
  /** @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example "Shop A" */
  name!: string;
  @ApiProperty({ enum: TENANT_KINDS, example: 'ecommerce' })
  kind!: TenantKind;
}

export class MeDto {
  tenant!: MeTenantDto;
  /** @example "key_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  keyId!: string;
  /** @example "gx_live_Ab12Cd34" */
  keyPrefix!: string;
  @ApiProperty({ enum: SCOPES, isArray: true, example: ['scores:write'] })
  scopes!: Scope[];
  @ApiProperty({ enum: API_KEY_MODES, example: 'live' })
  mode!: ApiKeyMode;
  plan!: TenantPlanDto;
}
