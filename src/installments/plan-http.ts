import type { Language } from '../common/http/language.js';
import { IdPipe } from '../common/validation/id.pipe.js';
import { chinaDate } from '../identity/domain/civil-date.js';
import type { InstallmentPolicy } from './installment-policy.js';
import type { PresentContext } from './plan.presenter.js';

/** `{id}` of a plan route: a malformed id names no plan (404 without a lookup). */
export const planId = () => new IdPipe('pln', 'installment plan');

/** How plan responses are rendered for this request: its language, and "today" (Asia/Shanghai) for `overdue`. */
export function presentContext(language: Language, policy: InstallmentPolicy, now = new Date()): PresentContext {
  return { language, today: chinaDate(now), coolingOffDays: policy.coolingOffDays };
}
