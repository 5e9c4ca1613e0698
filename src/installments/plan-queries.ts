/** Reads of plans and their installments shared by the plan services, on a given EntityManager. */
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { type DataOwner, ownerFilter } from '../auth/principal.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import { InstallmentPlan, PlanInstallment } from './installment-plan.entity.js';
import { CurrencyMismatchError, PlanNotActiveError } from './installment-errors.js';
import type { PlanView } from './plan.presenter.js';
import { OVERDUE_INSTALLMENT_SQL, type PlanStatus } from './plan-state.js';

/**
 * The owner's plan, or 404 (another tenant's or mode's id included). `lock` takes the row lock that
 * serialises every write to one plan (repayments, payoff, cancel) until the transaction ends.
 */
export async function findPlan(manager: EntityManager, owner: DataOwner, id: string, lock = false): Promise<InstallmentPlan> {
  const plan = await manager.findOne(InstallmentPlan, { where: { id, ...ownerFilter(owner) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!plan) throw new NotFoundError('installment plan', id);
  return plan;
}

/** Stored status `active` (which includes overdue plans) is the only one money can move on. */
export function assertActive(plan: InstallmentPlan): void {
  if (plan.status !== 'active') throw new PlanNotActiveError(plan.id, plan.status);
}

/** A payment may name its currency (DESIGN §2: money comes with one); it must be the plan's. */
export function assertPlanCurrency(plan: InstallmentPlan, currency: string | undefined): void {
  if (currency !== undefined && currency !== plan.currency) throw new CurrencyMismatchError(plan.currency, currency, 'plan');
}

export async function installmentsOf(manager: EntityManager, planIds: readonly string[]): Promise<Map<string, PlanInstallment[]>> {
  const byPlan = new Map<string, PlanInstallment[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return byPlan;
  const rows = await manager.find(PlanInstallment, { where: { planId: In([...planIds]) }, order: { planId: 'ASC', n: 'ASC' } });
  for (const row of rows) byPlan.get(row.planId)?.push(row);
  return byPlan;
}

export async function loadPlanView(manager: EntityManager, plan: InstallmentPlan): Promise<PlanView> {
  const installments = (await installmentsOf(manager, [plan.id])).get(plan.id) ?? [];
  return { plan, installments };
}

export interface PlanFilter {
  customerRef?: string;
  status?: PlanStatus;
  /** today in Asia/Shanghai, for the overdue filters */
  today: string;
}

/** A page of the owner's plans, newest first, with their installments. */
export async function listPlans(manager: EntityManager, owner: DataOwner, filter: PlanFilter, page: PaginationQueryDto): Promise<Page<PlanView>> {
  const query = manager
    .getRepository(InstallmentPlan)
    .createQueryBuilder('plan')
    .where(ownerFilter(owner));
  if (filter.customerRef) query.andWhere('plan.customer_ref = :customerRef', { customerRef: filter.customerRef });
  switch (filter.status) {
    case undefined:
      break;
    case 'paid_off':
    case 'cancelled':
      query.andWhere('plan.status = :status', { status: filter.status });
      break;
    case 'active':
      query.andWhere(`plan.status = 'active' AND NOT EXISTS (${OVERDUE_INSTALLMENT_SQL})`, { today: filter.today });
      break;
    case 'overdue':
      query.andWhere(`plan.status = 'active' AND EXISTS (${OVERDUE_INSTALLMENT_SQL})`, { today: filter.today });
      break;
  }
  const plans = await paginate(query, page);
  const installments = await installmentsOf(manager, plans.data.map((plan) => plan.id));
  return { ...plans, data: plans.data.map((plan) => ({ plan, installments: installments.get(plan.id) ?? [] })) };
}
