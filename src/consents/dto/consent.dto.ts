import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsNotEmpty, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { NoPersonalIdentifiers } from '../../common/validation/no-personal-identifiers.validator.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentChannel, type ConsentPurpose } from '../consent.entity.js';

export const CUSTOMER_REF_PATTERN = /^[A-Za-z0-9._:@-]{1,100}$/;

export class ConsentSubjectDto {
  /** PRC resident ID number (18 characters). Only a keyed hash is stored. @example "11010519491231002X" */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  idNumber?: string;

  /** Mainland mobile number. Only a keyed hash is stored. @example "13800138000" */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  /** Your own reference for the customer (letters, digits, `._:@-`, up to 100; not an ID or phone number). @example "u-1" */
  @IsOptional()
  @IsString()
  @Matches(CUSTOMER_REF_PATTERN, { message: 'customerRef must be 1–100 of letters, digits and ._:@-' })
  @NoPersonalIdentifiers()
  customerRef?: string;
}

export class ConsentEvidenceDto {
  @ApiProperty({ enum: CONSENT_CHANNELS, example: 'app' })
  @IsIn(CONSENT_CHANNELS)
  channel!: ConsentChannel;

  /** Version of the privacy notice the customer accepted. @example "2026-10" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  noticeVersion!: string;

  /** When the customer gave consent (default: now). @example "2026-11-29T08:00:00Z" */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  capturedAt?: string;
}

export class CreateConsentDto {
  /** Who consents: at least one of idNumber, phone, customerRef. */
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentSubjectDto)
  subject!: ConsentSubjectDto;

  @ApiProperty({ enum: CONSENT_PURPOSES, isArray: true, example: ['credit_scoring'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONSENT_PURPOSES.length)
  @ArrayUnique()
  @IsIn(CONSENT_PURPOSES, { each: true })
  purposes!: ConsentPurpose[];

  /** Expiry, at most 90 days ahead (default: 90 days). @example "2027-02-27T00:00:00Z" */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ConsentEvidenceDto)
  evidence!: ConsentEvidenceDto;
}

export class ConsentSubjectView {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'u-1' })
  customerRef!: string | null;
  /** Whether the consent names an ID number (never returned). @example true */
  idNumberProvided!: boolean;
  /** Whether the consent names a phone number (never returned). @example false */
  phoneProvided!: boolean;
}

export class ConsentDto {
  /** @example "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  @ApiProperty({ enum: ['authorised', 'revoked', 'expired'], example: 'authorised' })
  status!: 'authorised' | 'revoked' | 'expired';
  subject!: ConsentSubjectView;
  @ApiProperty({ enum: CONSENT_PURPOSES, isArray: true, example: ['credit_scoring'] })
  purposes!: ConsentPurpose[];
  /** @example "2027-02-27T00:00:00.000Z" */
  expiresAt!: string;
  evidence!: ConsentEvidenceDto;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  revokedAt!: string | null;
}
