import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';

export class IdentityCheckRequestDto {
  /** PRC resident ID number. Never stored or logged; only a keyed hash is kept. @example "11010519491231002X" */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  idNumber?: string;

  /** Mainland mobile number (optionally +86). Never stored or logged. @example "13800138000" */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  /** Name as on the ID card. @example "张三" */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  name?: string;
}

export class RegionDto {
  /** Province-level code (first two digits of the ID number). @example "11" */
  code!: string;
  /** In the language of Accept-Language. @example "Beijing" */
  name!: string;
}

export class IdNumberCheckDto {
  /** @example true */
  valid!: boolean;
  @ApiPropertyOptional({ enum: ['checksum_mismatch', 'unknown_region', 'invalid_birth_date', 'birth_date_in_future'], example: 'checksum_mismatch' })
  reason?: string;
  /** @example "1949-12-31" */
  birthDate?: string;
  /** Completed years today (Asia/Shanghai). @example 76 */
  age?: number;
  region?: RegionDto;
}

export class FieldCheckDto {
  /** @example true */
  valid!: boolean;
  @ApiPropertyOptional({ example: 'unknown_prefix' })
  reason?: string;
}

export class IdentityCheckDto {
  /** @example "idc_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** Every supplied field is valid. @example true */
  valid!: boolean;
  idNumber?: IdNumberCheckDto;
  phone?: FieldCheckDto;
  name?: FieldCheckDto;
  /** @example "2026-11-29T08:00:00.000Z" */
  @ApiProperty()
  createdAt!: string;
}
