import type { PlanInstallment } from './installment-plan.entity.js';
import { installmentStatus, nextInstallment, outstandingOn, paidOn, planStatus } from './plan-state.js';

function installment(n: number, dueDate: string, paid: Partial<PlanInstallment> = {}): PlanInstallment {
  const unpaid: PlanInstallment = {
    planId: 'pln_x', n, dueDate, principal: 500_00, interest: 10_00, fee: 0, remainingBalance: 0,
    principalPaid: 0, interestPaid: 0, feePaid: 0, interestWaived: 0, feeWaived: 0,
  };
  return { ...unpaid, ...paid };
}

describe('plan state', () => {
  const settled = { principalPaid: 500_00, interestPaid: 10_00 };

  it('is overdue only while an installment is unpaid after its due date (the due date itself is on time)', () => {
    const items = [installment(1, '2026-11-28'), installment(2, '2026-12-28')];
    expect(planStatus('active', items, '2026-11-28')).toBe('active');
    expect(planStatus('active', items, '2026-11-29')).toBe('overdue');
    expect(installmentStatus(items[0], 'active', '2026-11-29')).toBe('overdue');
    expect(planStatus('active', [installment(1, '2026-11-28', settled), items[1]], '2026-11-29')).toBe('active');
    expect(planStatus('cancelled', items, '2027-06-01')).toBe('cancelled');
    expect(planStatus('paid_off', items, '2027-06-01')).toBe('paid_off');
  });

  it('counts waived interest as settled', () => {
    const waived = installment(1, '2026-11-28', { principalPaid: 500_00, interestPaid: 4_00, interestWaived: 6_00 });
    expect(installmentStatus(waived, 'paid_off', '2027-01-01')).toBe('paid');
    expect(outstandingOn('paid_off', [waived]).total).toBe(0);
  });

  it('sums what is paid and owed, and finds the oldest open installment', () => {
    const items = [installment(2, '2027-01-28'), installment(1, '2026-12-28', { interestPaid: 10_00, principalPaid: 100_00 })];
    expect(paidOn(items)).toEqual({ principal: 100_00, interest: 10_00, fees: 0, total: 110_00 });
    expect(outstandingOn('active', items)).toEqual({ principal: 900_00, interest: 10_00, fees: 0, total: 910_00 });
    expect(outstandingOn('cancelled', items).total).toBe(0);
    expect(nextInstallment('active', items)?.item.n).toBe(1);
    expect(nextInstallment('active', items)?.owed.total).toBe(400_00);
    expect(nextInstallment('cancelled', items)).toBeUndefined();
  });
});
