import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination/pagination.js';
import { IsOptional } from '../../common/validation/is-optional.js';
import { IsMoneyString } from '../../common/validation/money.validator.js';
import { QuotePricingDto } from '../../installments/dto/quote.dto.js';
import { INSTALLMENT_METHODS, type InstallmentMethod } from '../../installments/domain/index.js';
import { LENDER_PRODUCT_STATUSES, type LenderProductStatus } from '../lender-product.entity.js';

export const APPLICANT_PRODUCTS = ['consumer', 'merchant'] as const;
const REGION_CODE = /^\d{2}$/;
const PERCENT_TEXT = /^\d{1,2}(\.\d{1,6})?$/;

export class EligibilityDto {
  /** Lowest credit score (300–900) the product lends to. Default 300. @example 620 */
  @IsOptional()
  @IsInt()
  @Min(300)
  @Max(900)
  minCreditScore?: number;

  /** Highest credit score (300–900). Default 900. @example 900 */
  @IsOptional()
  @IsInt()
  @Min(300)
  @Max(900)
  maxCreditScore?: number;

  /** Highest fraud score (0–1000) accepted; omitted, only the gateway's own hard declines are excluded. @example 400 */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  maxFraudScore?: number;

  /** Smallest amount lent. @example "5000.00" */
  @IsString()
  @IsMoneyString()
  minAmount!: string;

  /** Largest amount lent. @example "100000.00" */
  @IsString()
  @IsMoneyString()
  maxAmount!: string;

  /** Terms offered, in months: 1–12 distinct whole numbers, each 1–60. Or give the range `minTermMonths`–`maxTermMonths` instead. @example [12, 24, 36] */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  termMonths?: number[];

  /** Shortest term of a range of terms (every whole month from it to `maxTermMonths`), instead of a `termMonths` list. @example 6 */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  minTermMonths?: number;

  /** Longest term of the range. @example 36 */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  maxTermMonths?: number;

  /** Province-level codes (GB/T 2260, e.g. "31" Shanghai) where the applicant must live; omitted or empty: nationwide. @example ["31", "32", "33"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(34)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(REGION_CODE, { each: true, message: 'each region must be a 2-digit province code such as "31"' })
  regions?: string[];
}

export class CreateLenderProductDto {
  /** Shown to applicants beside the offer. @example "Guanxing Bank consumer loan" */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ enum: APPLICANT_PRODUCTS, example: 'consumer', description: 'Who the product lends to: `consumer` (people) or `merchant` (small businesses). Default `consumer`.' })
  @IsOptional()
  @IsIn(APPLICANT_PRODUCTS)
  product?: (typeof APPLICANT_PRODUCTS)[number];

  /** ISO 4217; `CNY` (the default) is the only one offered for now. @example "CNY" */
  @IsOptional()
  @IsString()
  @IsIn(['CNY'])
  currency?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility!: EligibilityDto;

  /** The price, as for installment quotes: every offer's schedule and true APR are built from it, and the APR may not exceed the legal cap (24 %). */
  @IsObject()
  @ValidateNested()
  @Type(() => QuotePricingDto)
  pricing!: QuotePricingDto;

  /** Fee you pay the referring partner when a referral is funded, in percent of the amount funded: 0–10, up to 6 fraction digits. @example "1.50" */
  @IsString()
  @Matches(PERCENT_TEXT, { message: 'referralFeePercent must be a percent such as "1.50" (0–10, up to 6 fraction digits)' })
  referralFeePercent!: string;
}

export class UpdateLenderProductDto {
  @ApiProperty({ enum: LENDER_PRODUCT_STATUSES, example: 'paused', description: '`paused`: matched against no new referral, and its outstanding offers can no longer be accepted; `active` resumes it.' })
  @IsIn(LENDER_PRODUCT_STATUSES)
  status!: LenderProductStatus;
}

export class LenderProductListQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: LENDER_PRODUCT_STATUSES, example: 'active' })
  @IsOptional()
  @IsIn(LENDER_PRODUCT_STATUSES)
  status?: LenderProductStatus;
}

export class EligibilityViewDto {
  /** @example 620 */
  minCreditScore!: number;
  /** @example 900 */
  maxCreditScore!: number;
  /** @example 400 */
  maxFraudScore!: number | null;
  /** @example "5000.00" */
  minAmount!: string;
  /** @example "100000.00" */
  maxAmount!: string;
  /** Every term offered, ascending. @example [12, 24, 36] */
  termMonths!: number[];
  /** @example 12 */
  minTermMonths!: number;
  /** @example 36 */
  maxTermMonths!: number;
  /** Empty: nationwide. @example ["31", "32", "33"] */
  regions!: string[];
}

export class PricingViewDto {
  @ApiProperty({ enum: INSTALLMENT_METHODS, example: 'equal_installment' })
  method!: InstallmentMethod;
  /** @example "9.90" */
  annualRatePercent?: string;
  /** @example "0.60" */
  feeRatePerPeriodPercent?: string;
}

export class LenderProductDto {
  /** @example "lpr_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example "Guanxing Bank consumer loan" */
  name!: string;
  @ApiProperty({ enum: APPLICANT_PRODUCTS, example: 'consumer' })
  product!: (typeof APPLICANT_PRODUCTS)[number];
  @ApiProperty({ enum: LENDER_PRODUCT_STATUSES, example: 'active' })
  status!: LenderProductStatus;
  /** @example "CNY" */
  currency!: string;
  eligibility!: EligibilityViewDto;
  pricing!: PricingViewDto;
  /** @example "1.50" */
  referralFeePercent!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  updatedAt!: string;
}
