import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type DataOwner, ownerFilter, type Principal } from '../auth/principal.js';
import { type FieldError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { newId } from '../common/ids.js';
import { parseMoney } from '../common/money.js';
import { paginate, type Page } from '../common/pagination/pagination.js';
import { provinceRegion } from '../identity/domain/regions.js';
import { buildSchedule, compareRatios, parseDecimal, ScheduleInputError, type SchedulePricing } from '../installments/domain/index.js';
import { ScheduleRejectedError } from '../installments/installment-errors.js';
import { INSTALLMENT_POLICY, type InstallmentPolicy } from '../installments/installment-policy.js';
import { insertRows } from '../installments/insert-rows.js';
import { normalizedPricing, resolvePricing } from '../installments/quote-options.js';
import { normalizePercent } from '../installments/percent-format.js';
import { MAX_REFERRAL_FEE_PERCENT } from './domain/index.js';
import type { CreateLenderProductDto, EligibilityDto, LenderProductListQueryDto } from './dto/lender-product.dto.js';
import { LenderProduct, type LenderProductStatus } from './lender-product.entity.js';
import { LenderProductInvalidError, LenderProductLimitError } from './referral-errors.js';
import { REFERRAL_POLICY } from './referral-policy.js';

/** Lender products: what a lender publishes for referrals to be matched against. */
@Injectable()
export class LenderProductsService {
  constructor(
    @InjectRepository(LenderProduct) private readonly products: Repository<LenderProduct>,
    @Inject(INSTALLMENT_POLICY) private readonly policy: InstallmentPolicy,
  ) {}

  /**
   * Publishes a product after checking its terms hold together, and that its price makes a
   * valid schedule within the legal APR cap at every amount bound and term it offers: an offer
   * made from it later can then never be refused for its price.
   */
  async create(principal: Principal, input: CreateLenderProductDto, now = new Date()): Promise<LenderProduct> {
    const { eligibility } = input;
    const minCreditScore = eligibility.minCreditScore ?? 300;
    const maxCreditScore = eligibility.maxCreditScore ?? 900;
    const minAmount = parseMoney(eligibility.minAmount);
    const maxAmount = parseMoney(eligibility.maxAmount);
    const regions = eligibility.regions ?? [];
    const termMonths = termsOffered(eligibility);
    const errors: FieldError[] = [];
    if (minCreditScore > maxCreditScore) errors.push({ field: 'eligibility.maxCreditScore', message: 'maxCreditScore must be at least minCreditScore' });
    if (minAmount <= 0) errors.push({ field: 'eligibility.minAmount', message: 'minAmount must be more than 0.00' });
    if (minAmount > maxAmount) errors.push({ field: 'eligibility.maxAmount', message: 'maxAmount must be at least minAmount' });
    regions.forEach((code, index) => {
      if (!provinceRegion(code)) errors.push({ field: `eligibility.regions[${index}]`, message: `${code} is not a province-level region code` });
    });
    const feePercent = normalizePercent(input.referralFeePercent);
    if (feePercent === undefined || compareRatios(parseDecimal(feePercent, 6)!, { num: BigInt(MAX_REFERRAL_FEE_PERCENT), den: 1n }) > 0) {
      errors.push({ field: 'referralFeePercent', message: `referralFeePercent must be a percent of 0–${MAX_REFERRAL_FEE_PERCENT}` });
    }
    if (errors.length > 0) throw new LenderProductInvalidError(errors);

    const pricing = resolvePricing(input.pricing, this.policy.defaultPricing);
    this.checkPricing(pricing, { 'eligibility.minAmount': minAmount, 'eligibility.maxAmount': maxAmount }, termMonths);

    const product = this.products.create({
      id: newId('lpr'),
      tenantId: principal.tenantId,
      mode: principal.mode,
      name: input.name,
      product: input.product ?? 'consumer',
      status: 'active',
      currency: input.currency ?? 'CNY',
      minCreditScore,
      maxCreditScore,
      maxFraudScore: eligibility.maxFraudScore ?? null,
      minAmount,
      maxAmount,
      termMonths,
      regions: [...regions].sort(),
      pricing: normalizedPricing(pricing),
      referralFeePercent: feePercent!,
      createdAt: now,
      updatedAt: now,
    });
    await this.products.manager.transaction(async (manager) => {
      await this.assertRoomForActive(manager, principal);
      await insertRows(manager, LenderProduct, product);
    });
    return product;
  }

  async get(owner: DataOwner, id: string): Promise<LenderProduct> {
    const product = await this.products.findOneBy({ id, ...ownerFilter(owner) });
    if (!product) throw new NotFoundError('lender product', id);
    return product;
  }

  list(owner: DataOwner, query: LenderProductListQueryDto): Promise<Page<LenderProduct>> {
    const builder = this.products.createQueryBuilder('product').where(ownerFilter(owner));
    if (query.status) builder.andWhere('product.status = :status', { status: query.status });
    return paginate(builder, query);
  }

  /** Pausing stops matching and accepting; setting the status it already has changes nothing. */
  async setStatus(owner: DataOwner, id: string, status: LenderProductStatus, now = new Date()): Promise<LenderProduct> {
    const current = await this.get(owner, id);
    if (current.status === status) return current;
    const changed = await this.products.manager.transaction(async (manager) => {
      if (status === 'active') await this.assertRoomForActive(manager, owner);
      return (await manager.update(LenderProduct, { id, ...ownerFilter(owner), status: current.status }, { status, updatedAt: now })).affected === 1;
    });
    // Only a concurrent change of the same product needs reading again.
    return changed ? Object.assign(current, { status, updatedAt: now }) : this.get(owner, id);
  }

  /**
   * Every amount bound × term must make a valid schedule under the APR cap; one 422 names all
   * the faults, each on the field of this request that causes it (the bound, not the schedule's
   * own `amount`).
   */
  private checkPricing(pricing: SchedulePricing, bounds: Record<string, number>, terms: readonly number[]): void {
    const failures: ScheduleInputError[] = [];
    const today = new Date().toISOString().slice(0, 10);
    for (const [boundField, amountMinor] of Object.entries(bounds)) {
      for (const termMonths of terms) {
        try {
          buildSchedule({ amountMinor, termMonths, startDate: today, pricing }, { ...this.policy.schedule, termField: 'eligibility.termMonths' });
        } catch (error) {
          if (!(error instanceof ScheduleInputError)) throw error;
          failures.push(error.field === 'amount' ? new ScheduleInputError(boundField, error.code, error.message.replace(/^amount\b/, boundField)) : error);
        }
      }
    }
    if (failures.length > 0) throw new ScheduleRejectedError(failures);
  }

  /**
   * Inside the caller's transaction: a lock per lender and mode (released at commit) makes
   * concurrent publications count one after another, so a burst cannot pass the cap.
   */
  private async assertRoomForActive(manager: EntityManager, owner: DataOwner): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('lender_products:' || $1 || ':' || $2))`, [owner.tenantId, owner.mode]);
    const active = await manager.countBy(LenderProduct, { ...ownerFilter(owner), status: 'active' });
    if (active >= REFERRAL_POLICY.maxActiveProducts) throw new LenderProductLimitError(REFERRAL_POLICY.maxActiveProducts);
  }
}

/**
 * The terms a product offers, ascending: its `termMonths` list, or every month of its
 * `minTermMonths`–`maxTermMonths` range (DESIGN speaks of term ranges; a list also allows gaps).
 */
function termsOffered(eligibility: EligibilityDto): number[] {
  const { termMonths, minTermMonths: min, maxTermMonths: max } = eligibility;
  const ranged = min !== undefined || max !== undefined;
  if (termMonths !== undefined && ranged) {
    throw new ValidationFailedError([{ field: 'eligibility.termMonths', message: 'give termMonths or minTermMonths and maxTermMonths, not both' }]);
  }
  if (termMonths !== undefined) return [...termMonths].sort((a, b) => a - b);
  if (min === undefined || max === undefined) {
    const field = min === undefined ? (ranged ? 'eligibility.minTermMonths' : 'eligibility.termMonths') : 'eligibility.maxTermMonths';
    throw new ValidationFailedError([{ field, message: 'give termMonths, or both minTermMonths and maxTermMonths' }]);
  }
  if (min > max) throw new LenderProductInvalidError([{ field: 'eligibility.maxTermMonths', message: 'maxTermMonths must be at least minTermMonths' }]);
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}
