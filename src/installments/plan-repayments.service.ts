import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DataOwner, Principal } from '../auth/principal.js';
import { newId } from '../common/ids.js';
import { parseMoney } from '../common/money.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import type { CreditLine } from './credit-line.entity.js';
import { CreditLinesService } from './credit-lines.service.js';
import { allocateRepayment, ScheduleInputError, type RepaymentAllocation } from './domain/index.js';
import type { CreateRepaymentDto } from './dto/repayment.dto.js';
import { InstallmentPlan, PlanInstallment } from './installment-plan.entity.js';
import { InstallmentRepayment } from './installment-repayment.entity.js';
import { PaidAtInvalidError, RepaymentExceedsBalanceError, ScheduleRejectedError } from './installment-errors.js';
import { INSTALLMENT_POLICY, type InstallmentPolicy } from './installment-policy.js';
import { insertRows } from './insert-rows.js';
import { assertActive, assertPlanCurrency, findPlan, loadPlanView } from './plan-queries.js';
import type { PlanView } from './plan.presenter.js';
import { isSettled, outstandingOn } from './plan-state.js';

export interface RepaymentResult {
  repayment: InstallmentRepayment;
  view: PlanView;
  creditLine: CreditLine;
}

@Injectable()
export class PlanRepaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly creditLines: CreditLinesService,
    @Inject(INSTALLMENT_POLICY) private readonly policy: InstallmentPolicy,
  ) {}

  /**
   * Applies a payment fees → interest → principal, oldest installment first (DESIGN §5), and
   * gives the principal part back to the credit line, in one transaction under the plan's
   * row lock. Overpayment is refused rather than held as prepayment: paying ahead through
   * the schedule would charge interest not yet earned, and /payoff closes a plan without it.
   */
  async repay(principal: Principal, planId: string, input: CreateRepaymentDto, now = new Date()): Promise<RepaymentResult> {
    const amount = parseMoney(input.amount);
    const paidAt = input.paidAt ? new Date(input.paidAt) : now;
    if (paidAt.getTime() > now.getTime() + this.policy.clockSkewMs) throw new PaidAtInvalidError('paidAt must not be in the future.');

    return this.dataSource.transaction(async (manager) => {
      const plan = await findPlan(manager, principal, planId, true);
      assertActive(plan);
      assertPlanCurrency(plan, input.currency);
      if (paidAt.getTime() < plan.createdAt.getTime() - this.policy.clockSkewMs) {
        throw new PaidAtInvalidError('paidAt must not be before the plan was opened.');
      }
      const { installments } = await loadPlanView(manager, plan);
      const allocation = allocate(installments, amount);
      if (allocation.unallocated > 0) throw new RepaymentExceedsBalanceError(outstandingOn(plan.status, installments).total);

      const after = await this.saveInstallments(manager, installments, allocation);
      const repaid = sumOf(allocation, 'principal');
      await this.creditLines.release(manager, plan, plan.customerRef, repaid);
      const paidOff = after.every(isSettled);
      Object.assign(plan, { updatedAt: now, ...(paidOff ? { status: 'paid_off' as const, paidOffAt: now } : {}) });
      await manager.update(InstallmentPlan, { id: plan.id }, { status: plan.status, paidOffAt: plan.paidOffAt, updatedAt: now });

      const repayment = Object.assign(new InstallmentRepayment(), {
        id: newId('rep'),
        tenantId: plan.tenantId,
        planId: plan.id,
        kind: 'repayment' as const,
        amount,
        currency: plan.currency,
        principal: repaid,
        interest: sumOf(allocation, 'interest'),
        fees: sumOf(allocation, 'fee'),
        interestWaived: 0,
        feesWaived: 0,
        refundDue: 0,
        allocations: allocation.allocations,
        paidAt,
        createdAt: now,
      });
      await insertRows(manager, InstallmentRepayment, repayment);
      return { repayment, view: { plan, installments: after }, creditLine: await this.creditLines.current(manager, plan, plan.customerRef) };
    });
  }

  /** The plan's repayments (and payoff), newest first. */
  async list(owner: DataOwner, planId: string, page: PaginationQueryDto): Promise<Page<InstallmentRepayment>> {
    const manager = this.dataSource.manager;
    await findPlan(manager, owner, planId);
    const query = manager
      .getRepository(InstallmentRepayment)
      .createQueryBuilder('repayment')
      .where('repayment.tenant_id = :tenantId AND repayment.plan_id = :planId', { tenantId: owner.tenantId, planId });
    return paginate(query, page);
  }

  /** Writes the paid amounts of the installments the payment reached; returns every installment after it. */
  private async saveInstallments(manager: EntityManager, installments: PlanInstallment[], allocation: RepaymentAllocation): Promise<PlanInstallment[]> {
    const paid = new Map(allocation.installments.map((item) => [item.n, item]));
    const reached = new Set(allocation.allocations.map((item) => item.n));
    const after = installments.map((row) => {
      const next = paid.get(row.n);
      return next ? Object.assign(row, { principalPaid: next.principalPaid, interestPaid: next.interestPaid, feePaid: next.feePaid }) : row;
    });
    for (const row of after.filter((item) => reached.has(item.n))) {
      await manager.update(
        PlanInstallment,
        { planId: row.planId, n: row.n },
        { principalPaid: row.principalPaid, interestPaid: row.interestPaid, feePaid: row.feePaid },
      );
    }
    return after;
  }
}

function allocate(installments: readonly PlanInstallment[], amount: number): RepaymentAllocation {
  try {
    return allocateRepayment(installments, amount);
  } catch (error) {
    if (error instanceof ScheduleInputError) throw new ScheduleRejectedError([error]);
    throw error;
  }
}

function sumOf(allocation: RepaymentAllocation, part: 'principal' | 'interest' | 'fee'): number {
  return allocation.allocations.reduce((acc, item) => acc + item[part], 0);
}
