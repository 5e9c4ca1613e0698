import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { TENANT_KINDS, TENANT_STATUSES, type TenantKind, type TenantStatus } from '../tenant.entity.js';
import { TenantPlanDto, TenantPlanInputDto } from './tenant-plan.dto.js';

export class CreateTenantDto {
  /** Display name of the partner. @example "Shop A" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: TENANT_KINDS, example: 'ecommerce' })
  @IsIn(TENANT_KINDS)
  kind!: TenantKind;

  /** Plan; omitted fields take the gateway defaults. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantPlanInputDto)
  plan?: TenantPlanInputDto;
}

export class UpdateTenantDto {
  /** @example "Shop A (CN)" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ enum: TENANT_KINDS, required: false, example: 'ecommerce' })
  @IsOptional()
  @IsIn(TENANT_KINDS)
  kind?: TenantKind;

  /** `suspended` makes every key of the tenant answer 403 at once. */
  @ApiProperty({ enum: TENANT_STATUSES, required: false, example: 'suspended' })
  @IsOptional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;

  /** Fields given replace the current ones; prices are merged per product. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TenantPlanInputDto)
  plan?: TenantPlanInputDto;

  /**
   * Pin scorecard versions by model name; a null version unpins (latest is used).
   * @example {"consumer-bureau": "2026-11-29"}
   */
  @IsOptional()
  @IsObject()
  modelPins?: Record<string, string | null>;
}

export class TenantDto {
  /** @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example "Shop A" */
  name!: string;
  @ApiProperty({ enum: TENANT_KINDS, example: 'ecommerce' })
  kind!: TenantKind;
  @ApiProperty({ enum: TENANT_STATUSES, example: 'active' })
  status!: TenantStatus;
  plan!: TenantPlanDto;
  /** ISO 4217 currency of the plan's prices. @example "CNY" */
  currency!: string;
  /** Pinned scorecard versions by model name (latest when absent). @example {} */
  modelPins!: Record<string, string>;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  updatedAt!: string;
}
