import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { IsMoneyString } from '../../common/validation/money.validator.js';

/** Price per billable unit, per product, as money strings in the tenant's currency. */
export class PlanPricesDto {
  /** @example "0.50" */
  @IsOptional() @IsMoneyString() scores?: string;
  /** @example "0.10" */
  @IsOptional() @IsMoneyString() identity_checks?: string;
  /** @example "1.00" */
  @IsOptional() @IsMoneyString() installments?: string;
  /** @example "5.00" */
  @IsOptional() @IsMoneyString() referrals?: string;
  /** @example "0.02" */
  @IsOptional() @IsMoneyString() batch_rows?: string;
}

export class TenantPlanInputDto {
  /** Billable units a calendar month, 0–1,000,000,000. @example 100000 */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  monthlyQuota?: number;

  /** Requests per second per API key, 1–100,000. @example 50 */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  rateLimitPerSecond?: number;

  @ApiPropertyOptional({ type: PlanPricesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PlanPricesDto)
  prices?: PlanPricesDto;
}

export class TenantPlanDto {
  /** @example 100000 */
  monthlyQuota!: number;
  /** @example 50 */
  rateLimitPerSecond!: number;
  prices!: PlanPricesDto;
}
