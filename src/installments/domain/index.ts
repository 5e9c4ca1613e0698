/** Pure installment arithmetic: schedules, APR, due dates, repayment allocation, payoff. */
export { buildSchedule, levelPayment, type InstallmentSchedule, type ScheduleLine } from './amortization.js';
export { computeApr, type AprResult } from './apr.js';
export { compareRatios, formatHundredths, parseDecimal, type Ratio } from './rates.js';
export { addMonthsClamped, daysBetween, dueDates, formatIsoDate, parseIsoDate, type CivilDate } from './due-dates.js';
export { openingBalances, type InstallmentBalance } from './installment-state.js';
export { quotePayoff, type PayoffLine, type PayoffPeriodStatus, type PayoffPlan, type PayoffQuote } from './payoff.js';
export { allocateRepayment, isSettled, type InstallmentAllocation, type RepaymentAllocation } from './repayment-allocation.js';
export { ScheduleInputError, type ScheduleErrorCode } from './schedule-errors.js';
export {
  INSTALLMENT_METHODS,
  validateStartDate,
  type InstallmentMethod,
  type SchedulePricing,
  type ScheduleRequest,
} from './schedule-input.js';
export { DEFAULT_SCHEDULE_POLICY, type SchedulePolicy } from './schedule-policy.js';
