import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsString, Matches } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { IsMoneyString } from '../../common/validation/money.validator.js';
import { CreditLineDto } from './credit-line.dto.js';
import { PlanDto } from './plan.dto.js';
import { CURRENCY_PATTERN } from './quote.dto.js';

export class CreateRepaymentDto {
  /** Amount received, allocated fees → interest → principal, oldest installment first; more than the plan owes is refused (see /payoff). @example "536.00" */
  @IsString()
  @IsMoneyString()
  amount!: string;

  /** ISO 4217; optional, and if given it must be the plan's currency (else 422 `currency_mismatch`). @example "CNY" */
  @IsOptional()
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as "CNY"' })
  currency?: string;

  /** When the customer paid (default: now); not in the future. @example "2026-12-28T09:30:00Z" */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  paidAt?: string;
}

export class InstallmentAllocationDto {
  /** @example 1 */
  n!: number;
  /** @example "36.00" */
  fee!: string;
  /** @example "0.00" */
  interest!: string;
  /** @example "500.00" */
  principal!: string;
  /** @example "536.00" */
  total!: string;
  /** Whether the installment is now fully paid. @example true */
  settled!: boolean;
}

export class AllocationDto {
  /** @example "36.00" */
  fees!: string;
  /** @example "0.00" */
  interest!: string;
  /** @example "500.00" */
  principal!: string;
  @ApiProperty({ type: [InstallmentAllocationDto] })
  installments!: InstallmentAllocationDto[];
}

export class RepaymentDto {
  /** @example "rep_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example "pln_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  planId!: string;
  @ApiProperty({ enum: ['repayment', 'payoff'], example: 'repayment' })
  kind!: 'repayment' | 'payoff';
  /** @example "536.00" */
  amount!: string;
  /** @example "CNY" */
  currency!: string;
  allocation!: AllocationDto;
  /** Credit given back to the line (the principal repaid). @example "500.00" */
  creditRestored!: string;
  /** @example "2026-12-28T09:30:00.000Z" */
  paidAt!: string;
  /** @example "2026-12-28T09:30:01.000Z" */
  createdAt!: string;
}

export class RepaymentResultDto extends RepaymentDto {
  /** The plan after this repayment. */
  plan!: PlanDto;
  /** The customer's credit line after this repayment. */
  creditLine!: CreditLineDto;
}

export class PayoffRequestDto {
  /** `false` only quotes the payoff; `true` (the default) pays it and closes the plan. @example true */
  @IsOptional()
  @IsBoolean()
  execute?: boolean;

  /** With `execute`, the total you showed the customer: if the payoff now costs something else, 409 `payoff_amount_changed`. @example "5500.00" */
  @IsOptional()
  @IsString()
  @IsMoneyString()
  amount?: string;

  /** ISO 4217; optional, and if given it must be the plan's currency (else 422 `currency_mismatch`). @example "CNY" */
  @IsOptional()
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as "CNY"' })
  currency?: string;
}

export class PayoffLineDto {
  /** @example 2 */
  n!: number;
  /** @example "2027-02-01" */
  dueDate!: string;
  @ApiProperty({ enum: ['due', 'current', 'not_started'], example: 'current', description: '`due`: due on or before the payoff date; `current`: its period is under way; `not_started`.' })
  status!: 'due' | 'current' | 'not_started';
  /** @example "500.00" */
  principal!: string;
  /** Earned (accrued to date) and unpaid. @example "0.00" */
  interest!: string;
  /** @example "36.00" */
  fee!: string;
  /** @example "536.00" */
  total!: string;
  /** @example "0.00" */
  interestWaived!: string;
  /** @example "0.00" */
  feeWaived!: string;
}

export class PayoffDto {
  /** @example "pln_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  planId!: string;
  /** Whether the payoff was paid and the plan closed (false: a quote only). @example true */
  executed!: boolean;
  /** Today in Asia/Shanghai (or the plan's start date, if later). @example "2026-12-10" */
  payoffDate!: string;
  /** @example "CNY" */
  currency!: string;
  /** All unpaid principal. @example "6000.00" */
  principal!: string;
  /** Interest earned to the payoff date and unpaid (the current period pro rata by days). @example "0.00" */
  interest!: string;
  /** Fees of periods already started and unpaid. @example "36.00" */
  fees!: string;
  /** Interest and fees paid ahead beyond what is earned, credited. @example "0.00" */
  credit!: string;
  /** What closes the plan: principal + interest + fees − credit (never below 0). @example "6036.00" */
  total!: string;
  /** Owed back to the customer when the credit exceeds the rest. @example "0.00" */
  refundDue!: string;
  /** Scheduled interest that is not charged. @example "0.00" */
  interestWaived!: string;
  /** Scheduled fees that are not charged (periods not yet started). @example "396.00" */
  feesWaived!: string;
  @ApiProperty({ type: [PayoffLineDto] })
  lines!: PayoffLineDto[];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'rep_01JD3Q6Z5V7Y8X9W0A1B2C3D4E', description: 'The payoff repayment, when executed.' })
  repaymentId!: string | null;
  /** The plan (after the payoff, when executed). */
  plan!: PlanDto;
}
