import fc from 'fast-check';
import { buildSchedule } from './amortization.js';
import { type InstallmentBalance, openingBalances } from './installment-state.js';
import { allocateRepayment, isSettled } from './repayment-allocation.js';
import { ScheduleInputError } from './schedule-errors.js';
import { validRequestArb } from './test-arbitraries.js';

const item = (n: number, principal: number, interest: number, fee: number): InstallmentBalance => ({
  n,
  dueDate: `2026-0${n}-15`,
  principal,
  interest,
  fee,
  principalPaid: 0,
  interestPaid: 0,
  feePaid: 0,
});

const owed = (items: readonly InstallmentBalance[]): number =>
  items.reduce((sum, i) => sum + i.principal + i.interest + i.fee - i.principalPaid - i.interestPaid - i.feePaid, 0);

describe('allocateRepayment', () => {
  const plan = [item(1, 10_000, 500, 300), item(2, 10_000, 400, 300)];

  it('pays fees, then interest, then principal of the oldest installment', () => {
    const first = allocateRepayment(plan, 600);
    expect(first.allocations).toEqual([{ n: 1, fee: 300, interest: 300, principal: 0, total: 600, settled: false }]);
    expect(first.unallocated).toBe(0);

    const second = allocateRepayment(first.installments, 10_500);
    expect(second.allocations).toEqual([
      { n: 1, fee: 0, interest: 200, principal: 10_000, total: 10_200, settled: true },
      { n: 2, fee: 300, interest: 0, principal: 0, total: 300, settled: false },
    ]);
    expect(second.installments[1]).toMatchObject({ feePaid: 300, interestPaid: 0, principalPaid: 0 });
  });

  it('returns what is left after the plan is settled as unallocated', () => {
    const result = allocateRepayment(plan, 25_000);
    expect(result.unallocated).toBe(25_000 - 21_500);
    expect(result.installments.every(isSettled)).toBe(true);
    expect(allocateRepayment(result.installments, 100)).toMatchObject({ allocations: [], unallocated: 100 });
  });

  it('orders installments by number whatever order they arrive in', () => {
    const result = allocateRepayment([...plan].reverse(), 800);
    expect(result.allocations.map((a) => a.n)).toEqual([1]);
    expect(result.installments.map((i) => i.n)).toEqual([1, 2]);
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53])('refuses amount %p', (amount) => {
    expect(() => allocateRepayment(plan, amount)).toThrow(expect.objectContaining({ field: 'amount', code: 'amount_invalid' }) as Error);
    expect(() => allocateRepayment(plan, amount)).toThrow(ScheduleInputError);
  });

  it('refuses corrupt state as a programming error', () => {
    expect(() => allocateRepayment([{ ...item(1, 100, 0, 0), principalPaid: 101 }], 1)).toThrow(RangeError);
    expect(() => allocateRepayment([item(2, 100, 0, 0)], 1)).toThrow(RangeError);
    expect(() => allocateRepayment([item(1, -5, 0, 0)], 1)).toThrow(RangeError);
  });

  it('conserves money, never overpays a component and always settles the oldest first', () => {
    fc.assert(
      fc.property(validRequestArb, fc.array(fc.integer({ min: 1, max: 5_000_000_000 }), { minLength: 1, maxLength: 8 }), (request, payments) => {
        let state = openingBalances(buildSchedule(request).schedule);
        for (const amount of payments) {
          const before = owed(state);
          const result = allocateRepayment(state, amount);
          const applied = result.allocations.reduce((sum, a) => sum + a.total, 0);
          const problems: string[] = [];
          if (applied + result.unallocated !== amount) problems.push('money not conserved');
          if (applied !== Math.min(amount, before)) problems.push('did not pay as much as it could');
          if (owed(result.installments) !== before - applied) problems.push('balance does not follow');
          for (const a of result.allocations) {
            if (a.total !== a.fee + a.interest + a.principal || a.total <= 0) problems.push(`allocation ${a.n} inconsistent`);
          }
          const paidIn = (i: InstallmentBalance) => i.principalPaid + i.interestPaid + i.feePaid;
          result.installments.forEach((next, index) => {
            if (next.feePaid > next.fee || next.interestPaid > next.interest || next.principalPaid > next.principal) {
              problems.push(`installment ${next.n} overpaid`);
            }
            const received = paidIn(next) - paidIn(state[index] ?? next);
            const earlierOpen = result.installments.slice(0, index).find((earlier) => !isSettled(earlier));
            if (received > 0 && earlierOpen) problems.push(`${next.n} paid while ${earlierOpen.n} is still open`);
            if (next.principalPaid > 0 && (next.interestPaid < next.interest || next.feePaid < next.fee)) {
              problems.push(`principal of ${next.n} paid before its interest and fee`);
            }
          });
          expect(problems).toEqual([]);
          state = result.installments;
        }
      }),
      { numRuns: 200 },
    );
  });
});
