/**
 * Why an installment input cannot make a valid schedule. The codes are stable (clients may
 * branch on them); the API layer maps a ScheduleInputError to a 422 problem whose
 * `errors[]` names `field`.
 */
export type ScheduleErrorCode =
  /** amount is not a positive safe integer of minor units, or is above the policy maximum */
  | 'amount_invalid'
  /** term count is not an integer inside the policy's range (1–60 months by default) */
  | 'term_out_of_range'
  /** a rate is not a plain decimal string with at most 6 fraction digits */
  | 'rate_invalid'
  /** a rate is negative or above the policy cap */
  | 'rate_out_of_range'
  /** the true APR of the rounded schedule is above the (optional) APR cap */
  | 'apr_above_cap'
  /** unknown pricing method */
  | 'method_invalid'
  /** a date is not a real calendar date `YYYY-MM-DD` in the supported range, or is out of order */
  | 'date_invalid'
  /** the inputs are individually fine but cannot be split into the terms without a zero or negative part */
  | 'schedule_invalid';

export class ScheduleInputError extends Error {
  constructor(
    /** the API field at fault, as a dotted path: `amount`, `termMonths`, `pricing.annualRatePercent`, … */
    readonly field: string,
    readonly code: ScheduleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ScheduleInputError';
  }
}
