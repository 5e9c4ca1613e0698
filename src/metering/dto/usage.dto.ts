import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { USAGE_PRODUCTS } from '../usage-event.entity.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class UsageQueryDto {
  /** First day, inclusive (billing time zone). Default: the 1st of `to`'s month. @example "2026-11-01" */
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  /** Last day, inclusive, at most 366 days after `from`. Default: today in the billing time zone (or `from`, if later). @example "2026-11-30" */
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: ['day', 'month'], default: 'day' })
  @IsOptional()
  @IsIn(['day', 'month'])
  granularity?: 'day' | 'month';

  @ApiPropertyOptional({ enum: ['product', 'key'], default: 'product' })
  @IsOptional()
  @IsIn(['product', 'key'])
  groupBy?: 'product' | 'key';
}

export class AdminUsageQueryDto extends UsageQueryDto {
  /** Only this tenant. @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  @IsOptional()
  @Matches(/^ten_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'tenantId must be a tenant id' })
  tenantId?: string;
}

export class UsageRowDto {
  /** `YYYY-MM-DD` (day) or `YYYY-MM` (month). @example "2026-11-24" */
  period!: string;
  @ApiPropertyOptional({ enum: USAGE_PRODUCTS, example: 'scores' })
  product?: string;
  /** With groupBy=key. @example "key_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  keyId?: string | null;
  /** Operator report only. @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  tenantId?: string;
  /** Authenticated calls. @example 12 */
  calls!: number;
  /** Billable units (a billed call is one; a scored batch row is one). @example 10 */
  billableUnits!: number;
}

export class UsageReportDto {
  @ApiProperty({ type: [UsageRowDto] })
  data!: UsageRowDto[];
}

export class QuotaDto {
  /** @example "2026-11" */
  period!: string;
  /** @example 100000 */
  monthlyQuota!: number;
  /** Billable units used this month. @example 1234 */
  used!: number;
  /** @example 98766 */
  remaining!: number;
  /** When the quota resets (start of next month, billing time zone). @example "2026-11-30T16:00:00.000Z" */
  resetsAt!: string;
}

export class StatementLineDto {
  @ApiProperty({ enum: USAGE_PRODUCTS, example: 'scores' })
  product!: string;
  /** @example 1200 */
  units!: number;
  /** @example "0.50" */
  unitPrice!: string;
  /** units × unitPrice. @example "600.00" */
  amount!: string;
}

export class ReferralFeeTotalsDto {
  /** Funded referrals. @example 3 */
  count!: number;
  /** @example "750.00" */
  amount!: string;
}

export class StatementReferralFeesDto {
  /** Fees lenders owe this tenant for its referrals they funded in the period. */
  earned!: ReferralFeeTotalsDto;
  /** Fees this tenant, as a lender, owes referring partners for referrals it funded in the period. */
  owed!: ReferralFeeTotalsDto;
}

export class StatementDto {
  /** @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  tenantId!: string;
  /** @example "2026-11" */
  period!: string;
  /** @example "2026-10-31T16:00:00.000Z" */
  periodStart!: string;
  /** @example "2026-11-30T16:00:00.000Z" */
  periodEnd!: string;
  /** @example "CNY" */
  currency!: string;
  @ApiProperty({ type: [StatementLineDto] })
  lines!: StatementLineDto[];
  /** The usage charge: the sum of the lines. @example "600.00" */
  total!: string;
  /** Referral fees of live referrals funded in the period, apart from the usage charge. */
  referralFees!: StatementReferralFeesDto;
  /** False while the month is still running. @example true */
  final!: boolean;
}
