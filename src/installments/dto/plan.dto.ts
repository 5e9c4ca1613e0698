import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Min } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { PaginationQueryDto } from '../../common/pagination/pagination.js';
import { CUSTOMER_REF_PATTERN } from '../../consents/dto/consent.dto.js';
import { INSTALLMENT_METHODS, type InstallmentMethod } from '../domain/index.js';
import { INSTALLMENT_STATUSES, PLAN_STATUSES, type InstallmentStatus, type PlanStatus } from '../plan-state.js';

/** Ids are printable ASCII; anything else (a NUL byte, say) could never name a row and must not reach SQL. */
const ID_TEXT = /^[\x21-\x7e]{1,64}$/;

export class CreatePlanDto {
  /** The quote the shopper chose from; it must not have expired. @example "qte_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  @IsString()
  @Matches(ID_TEXT, { message: 'quoteId must be a quote id such as "qte_01JD3Q6Z5V7Y8X9W0A1B2C3D4E"' })
  quoteId!: string;

  /** One of the quote's terms. @example 12 */
  @IsInt()
  @Min(1)
  termMonths!: number;

  /** A consent with purpose `installment_plan` naming the quote's customerRef. Without one the answer is 403 `consent_required`. @example "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  @IsOptional()
  @IsString()
  @Matches(ID_TEXT, { message: 'consentId must be a consent id such as "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E"' })
  consentId?: string;
}

export class PlanListQueryDto extends PaginationQueryDto {
  /** Only this customer's plans. @example "u-1" */
  @IsOptional()
  @Matches(CUSTOMER_REF_PATTERN, { message: 'customerRef must be 1–100 of letters, digits and ._:@-' })
  customerRef?: string;

  /** Only plans in this status (`overdue` as of today in Asia/Shanghai). @example "active" */
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
}

export class AmountsDto {
  /** @example "500.00" */
  principal!: string;
  /** @example "0.00" */
  interest!: string;
  /** @example "36.00" */
  fees!: string;
  /** @example "536.00" */
  total!: string;
}

export class PlanInstallmentDto {
  /** @example 1 */
  n!: number;
  /** @example "2027-01-01" */
  dueDate!: string;
  /** @example "500.00" */
  principal!: string;
  /** @example "0.00" */
  interest!: string;
  /** @example "36.00" */
  fee!: string;
  /** @example "536.00" */
  total!: string;
  /** Principal still owed once this installment is paid, per the schedule. @example "5500.00" */
  remainingBalance!: string;
  /** @example "0.00" */
  principalPaid!: string;
  /** @example "0.00" */
  interestPaid!: string;
  /** @example "0.00" */
  feePaid!: string;
  /** Interest forgiven by an early payoff. @example "0.00" */
  interestWaived!: string;
  /** Fee forgiven by an early payoff. @example "0.00" */
  feeWaived!: string;
  /** Still owed on this installment. @example "536.00" */
  amountDue!: string;
  @ApiProperty({ enum: INSTALLMENT_STATUSES, example: 'pending', description: '`overdue`: past its due date (Asia/Shanghai) and not fully paid.' })
  status!: InstallmentStatus;
}

export class NextInstallmentDto {
  /** @example 1 */
  n!: number;
  /** @example "2027-01-01" */
  dueDate!: string;
  /** @example "536.00" */
  amountDue!: string;
}

export class PlanDto {
  /** @example "pln_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  @ApiProperty({
    enum: PLAN_STATUSES,
    example: 'active',
    description: '`overdue` is an active plan with an installment past its due date (Asia/Shanghai) and not fully paid, evaluated on every read.',
  })
  status!: PlanStatus;
  /** @example "u-1" */
  customerRef!: string;
  /** @example "qte_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  quoteId!: string;
  /** @example "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  consentId!: string;
  /** @example "CNY" */
  currency!: string;
  @ApiProperty({ enum: INSTALLMENT_METHODS, example: 'fee_per_period' })
  method!: InstallmentMethod;
  /** @example "9.90" */
  annualRatePercent?: string;
  /** @example "0.60" */
  feeRatePerPeriodPercent?: string;
  /** @example 12 */
  termMonths!: number;
  /** Amount financed, drawn on the credit line. @example "6000.00" */
  principal!: string;
  /** @example "536.00" */
  installmentAmount!: string;
  /** @example "0.00" */
  totalInterest!: string;
  /** @example "432.00" */
  totalFees!: string;
  /** @example "6432.00" */
  totalRepayable!: string;
  /** @example "13.03" */
  aprPercent!: string;
  /** @example "13.84" */
  effectiveAnnualRatePercent!: string;
  /** @example "2026-12-01" */
  startDate!: string;
  /** The plan's terms in plain language, in the Accept-Language language. @example "You pay 12 monthly installments of CNY 536.00 (CNY 6,432.00 in total, including CNY 432.00 in fees). APR 13.03 %." */
  disclosure!: string;
  /** Paid so far, by component. */
  paid!: AmountsDto;
  /** Still owed per the schedule, by component (nothing once paid off or cancelled). */
  outstanding!: AmountsDto;
  @ApiPropertyOptional({ type: NextInstallmentDto, nullable: true, description: 'The oldest installment not fully paid; null when the plan is closed.' })
  nextInstallment!: NextInstallmentDto | null;
  @ApiProperty({ type: [PlanInstallmentDto] })
  schedule!: PlanInstallmentDto[];
  /** Until then, a plan without repayments can be cancelled. @example "2026-12-06T08:00:00.000Z" */
  coolingOffEndsAt!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  updatedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  paidOffAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  cancelledAt!: string | null;
}
