/**
 * Policy limits a schedule must respect. They are parameters (not constants) because they
 * are regulatory and change: e.g. a judicial cap of 4 × the one-year LPR, re-set whenever the
 * LPR moves. Rates are percent decimal strings, compared exactly.
 */
export interface SchedulePolicy {
  /** fewest monthly terms (default 1) */
  readonly minTermMonths: number;
  /** most monthly terms (default 60) */
  readonly maxTermMonths: number;
  /** highest nominal annual rate for equal_installment / equal_principal, percent (default "24") */
  readonly maxAnnualRatePercent: string;
  /** highest fee per period for fee_per_period, percent of the original principal (default "2") */
  readonly maxFeeRatePerPeriodPercent: string;
  /**
   * Optional cap on the disclosed true APR (percent, compared with the 2-decimal disclosed
   * value). Off by default: the API layer passes its legal cap (e.g. "24.00", or 4 × LPR) to
   * stop fee plans whose nominal fee looks small but whose true APR is above it.
   */
  readonly maxAprPercent?: string;
  /** largest principal in minor units (default 999 999 999 999 999, i.e. 13 integer digits of yuan) */
  readonly maxAmountMinor: number;
  /** API field name used in errors about the term count (`termMonths` for plans, `terms` for quotes) */
  readonly termField: string;
}

export const DEFAULT_SCHEDULE_POLICY: SchedulePolicy = Object.freeze({
  minTermMonths: 1,
  maxTermMonths: 60,
  maxAnnualRatePercent: '24',
  maxFeeRatePerPeriodPercent: '2',
  maxAmountMinor: 999_999_999_999_999,
  termField: 'termMonths',
});
