import type { SchedulePolicy, SchedulePricing } from './domain/index.js';

/**
 * Business limits of the installments product. They are one injectable value (not scattered
 * constants) because they are commercial and regulatory settings that will move to tenant
 * configuration: tenants have no pricing column yet, so `defaultPricing` stands in for
 * "the tenant's default pricing" of DESIGN §3.
 */
export interface InstallmentPolicy {
  /** how long a quote can be turned into a plan (DESIGN §3: 15 minutes) */
  readonly quoteTtlMs: number;
  /** days after opening during which a plan without repayments can be cancelled */
  readonly coolingOffDays: number;
  /** credit line bounds for consumers, minor units (5,000.00–100,000.00 CNY) */
  readonly creditLimitMinMinor: number;
  readonly creditLimitMaxMinor: number;
  /** currencies quotes, plans and credit lines may be in */
  readonly currencies: readonly string[];
  /** pricing applied when a quote names none */
  readonly defaultPricing: SchedulePricing;
  /** schedule limits passed to the pure module; the APR cap is the legal cap of DESIGN §4 */
  readonly schedule: Partial<SchedulePolicy>;
  /** how far in the future a reported `paidAt` may be (clock skew between partner and gateway) */
  readonly clockSkewMs: number;
}

export const INSTALLMENT_POLICY = Symbol('InstallmentPolicy');

export const DEFAULT_INSTALLMENT_POLICY: InstallmentPolicy = Object.freeze<InstallmentPolicy>({
  quoteTtlMs: 15 * 60_000,
  coolingOffDays: 7,
  creditLimitMinMinor: 500_000,
  creditLimitMaxMinor: 10_000_000,
  currencies: ['CNY'],
  defaultPricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' },
  schedule: { maxAprPercent: '24.00' },
  clockSkewMs: 5 * 60_000,
});
