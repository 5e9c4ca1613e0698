import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { NoPersonalIdentifiers } from '../../common/validation/no-personal-identifiers.validator.js';
import { IsMoneyString } from '../../common/validation/money.validator.js';
import { CUSTOMER_REF_PATTERN } from '../../consents/dto/consent.dto.js';
import { INSTALLMENT_METHODS, type InstallmentMethod } from '../domain/index.js';

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export class QuotePricingDto {
  @ApiProperty({
    enum: INSTALLMENT_METHODS,
    example: 'fee_per_period',
    description:
      '`equal_installment` (annuity, 等额本息) and `equal_principal` (等额本金) take `annualRatePercent`; `fee_per_period` (0 % interest, a fee each month on the original principal) takes `feeRatePerPeriodPercent`.',
  })
  @IsIn(INSTALLMENT_METHODS)
  method!: InstallmentMethod;

  /** Nominal annual interest rate in percent, 0–24, up to 6 fraction digits (interest methods only). @example "9.90" */
  @IsOptional()
  @IsString()
  @MaxLength(24)
  annualRatePercent?: string;

  /** Fee per monthly period in percent of the original principal, 0–2, up to 6 fraction digits (`fee_per_period` only). @example "0.60" */
  @IsOptional()
  @IsString()
  @MaxLength(24)
  feeRatePerPeriodPercent?: string;
}

export class CreateQuoteDto {
  /** Amount to finance (the cart total). @example "6000.00" */
  @IsString()
  @IsMoneyString()
  amount!: string;

  /** ISO 4217 currency; `CNY` (the default) is the only one offered for now. @example "CNY" */
  @IsOptional()
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as "CNY"' })
  currency?: string;

  /** Terms wanted, in months: 1–12 distinct whole numbers, each 1–60. One option per term, in this order. @example [3, 6, 12] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsInt({ each: true })
  terms!: number[];

  /** Your reference for the shopper (not an ID or phone number); a plan opened from this quote draws this customer's credit line. @example "u-1" */
  @IsString()
  @Matches(CUSTOMER_REF_PATTERN, { message: 'customerRef must be 1–100 of letters, digits and ._:@-' })
  @NoPersonalIdentifiers()
  customerRef!: string;

  /** Start of the plan; installment k falls due k months later (day clamped to month end). Default: today in Asia/Shanghai. @example "2026-12-01" */
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE_PATTERN, { message: 'startDate must be a date YYYY-MM-DD' })
  startDate?: string;

  /** Pricing; omitted, your default pricing applies (fee_per_period at 0.60 % a month unless agreed otherwise). */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuotePricingDto)
  pricing?: QuotePricingDto;
}

export class ScheduleLineDto {
  /** Installment number, from 1. @example 1 */
  n!: number;
  /** @example "2027-01-01" */
  dueDate!: string;
  /** @example "500.00" */
  principal!: string;
  /** @example "0.00" */
  interest!: string;
  /** @example "36.00" */
  fee!: string;
  /** principal + interest + fee. @example "536.00" */
  total!: string;
  /** Principal still owed once this installment is paid. @example "5500.00" */
  remainingBalance!: string;
}

export class QuoteOptionDto {
  /** @example 12 */
  termMonths!: number;
  @ApiProperty({ enum: INSTALLMENT_METHODS, example: 'fee_per_period' })
  method!: InstallmentMethod;
  /** Nominal annual rate, percent (interest methods). @example "9.90" */
  annualRatePercent?: string;
  /** Fee per month on the original principal, percent (fee_per_period). @example "0.60" */
  feeRatePerPeriodPercent?: string;
  /** The level payment (equal_installment) or the first installment's total. @example "536.00" */
  installmentAmount!: string;
  /** @example "0.00" */
  totalInterest!: string;
  /** @example "432.00" */
  totalFees!: string;
  /** @example "6432.00" */
  totalRepayable!: string;
  /** True APR: 12 × the monthly IRR of the actual cash flows, percent, 2 decimals. @example "13.03" */
  aprPercent!: string;
  /** (1 + monthly IRR)^12 − 1, percent, 2 decimals. @example "13.84" */
  effectiveAnnualRatePercent!: string;
  /** What the shopper pays monthly and in total, and the APR, in the Accept-Language language. @example "You pay 12 monthly installments of CNY 536.00 (CNY 6,432.00 in total, including CNY 432.00 in fees). APR 13.03 %." */
  disclosure!: string;
  @ApiProperty({ type: [ScheduleLineDto] })
  schedule!: ScheduleLineDto[];
}

export class QuoteDto {
  /** @example "qte_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** A plan can be opened from the quote until then (15 minutes after creation). @example "2026-11-29T08:15:00.000Z" */
  expiresAt!: string;
  /** @example "CNY" */
  currency!: string;
  /** @example "u-1" */
  customerRef!: string;
  /** @example "6000.00" */
  amount!: string;
  /** @example "2026-12-01" */
  startDate!: string;
  @ApiProperty({ type: [QuoteOptionDto] })
  options!: QuoteOptionDto[];
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
}

