import { CreditLine } from './credit-line.entity.js';
import { InstallmentPlan, PlanInstallment } from './installment-plan.entity.js';
import { InstallmentQuote } from './installment-quote.entity.js';
import { InstallmentRepayment } from './installment-repayment.entity.js';

/** The installments domain's entities, registered in database/entities.ts. */
export const INSTALLMENT_ENTITIES: (new () => object)[] = [InstallmentQuote, CreditLine, InstallmentPlan, PlanInstallment, InstallmentRepayment];
