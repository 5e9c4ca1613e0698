import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type DataOwner, ownerFilter } from '../auth/principal.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { parseMoney } from '../common/money.js';
import { CreditLine } from './credit-line.entity.js';
import type { PutCreditLineDto } from './dto/credit-line.dto.js';
import {
  CreditLimitBelowUsedError,
  CreditLimitExceededError,
  CreditLimitOutOfPolicyError,
  CreditLineMissingError,
  CurrencyMismatchError,
  CurrencyNotSupportedError,
  CreditLimitSourceError,
  ScoreNotUsableError,
} from './installment-errors.js';
import { INSTALLMENT_POLICY, type InstallmentPolicy } from './installment-policy.js';
import { ScoresService } from '../scoring/scores.service.js';

/** A score opens a credit line for a month; after that, score the customer again. */
const SCORE_VALIDITY_MS = 30 * 24 * 3_600_000;

/**
 * Credit lines and the two writes plans make on them. Every change to `used` is a single
 * conditional UPDATE inside the caller's transaction: PostgreSQL row locking serialises
 * concurrent draws on one line, and each re-checks the limit against the committed `used`,
 * so no interleaving can overdraw it.
 */
@Injectable()
export class CreditLinesService {
  constructor(
    @InjectRepository(CreditLine) private readonly lines: Repository<CreditLine>,
    @Inject(INSTALLMENT_POLICY) private readonly policy: InstallmentPolicy,
    private readonly scores: ScoresService,
  ) {}

  /** Opens the line or changes its limit (given, or a score's); never below what open plans use. */
  async put(owner: DataOwner, customerRef: string, input: PutCreditLineDto, now = new Date()): Promise<CreditLine> {
    if ((input.limit === undefined) === (input.scoreId === undefined)) throw new CreditLimitSourceError();
    if (input.limit !== undefined) return this.setLimit(owner, customerRef, parseMoney(input.limit), input.currency ?? 'CNY');
    const score = await this.scores.get(owner, input.scoreId!);
    if (score.product !== 'consumer') throw new ScoreNotUsableError(score.id, 'it is a merchant score');
    if (score.decision === 'decline' || score.creditLimitMinor === 0) throw new ScoreNotUsableError(score.id, 'the application was declined');
    if (now.getTime() - score.createdAt.getTime() > SCORE_VALIDITY_MS) throw new ScoreNotUsableError(score.id, 'it is more than 30 days old');
    return this.setLimit(owner, customerRef, score.creditLimitMinor, score.currency);
  }

  /**
   * The same in minor units, for callers other than the HTTP route (e.g. opening a line at a
   * score's credit limit): policy bounds, currency and the amount in use are checked alike.
   */
  async setLimit(owner: DataOwner, customerRef: string, limit: number, currency: string): Promise<CreditLine> {
    if (!this.policy.currencies.includes(currency)) throw new CurrencyNotSupportedError(currency, this.policy.currencies);
    if (limit < this.policy.creditLimitMinMinor || limit > this.policy.creditLimitMaxMinor) {
      throw new CreditLimitOutOfPolicyError(this.policy.creditLimitMinMinor, this.policy.creditLimitMaxMinor, currency);
    }
    // One statement, so a draw committing in between cannot slip under a lowered limit.
    const rows: unknown[] = await this.lines.query(
      `INSERT INTO credit_lines (tenant_id, mode, customer_ref, "limit", used, currency) VALUES ($1, $2, $3, $4, 0, $5)
       ON CONFLICT (tenant_id, mode, customer_ref) DO UPDATE SET "limit" = EXCLUDED."limit", updated_at = now()
       WHERE credit_lines.used <= EXCLUDED."limit" AND credit_lines.currency = EXCLUDED.currency
       RETURNING customer_ref`,
      [owner.tenantId, owner.mode, customerRef, limit, currency],
    );
    const line = await this.get(owner, customerRef);
    if (rows.length === 0) {
      if (line.currency !== currency) throw new CurrencyMismatchError(line.currency, currency);
      throw new CreditLimitBelowUsedError(line.used);
    }
    return line;
  }

  async get(owner: DataOwner, customerRef: string): Promise<CreditLine> {
    const line = await this.lines.findOneBy({ ...ownerFilter(owner), customerRef });
    if (!line) throw new NotFoundError('credit line', customerRef);
    return line;
  }

  /** Takes `amountMinor` of the line for a new plan, or throws why it cannot. */
  async draw(manager: EntityManager, owner: DataOwner, customerRef: string, currency: string, amountMinor: number): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(CreditLine)
      .set({ used: () => 'used + :amount' })
      .where('tenant_id = :tenantId AND mode = :mode AND customer_ref = :customerRef AND currency = :currency AND used + :amount <= "limit"')
      .setParameters({ amount: amountMinor, ...ownerFilter(owner), customerRef, currency })
      .execute();
    if (result.affected === 1) return;
    const line = await manager.findOneBy(CreditLine, { ...ownerFilter(owner), customerRef });
    if (!line) throw new CreditLineMissingError(customerRef);
    if (line.currency !== currency) throw new CurrencyMismatchError(line.currency, currency);
    throw new CreditLimitExceededError(amountMinor, line.limit - line.used, currency);
  }

  /** Gives back `amountMinor` (principal repaid, or a plan closed) to the line. */
  async release(manager: EntityManager, owner: DataOwner, customerRef: string, amountMinor: number): Promise<void> {
    if (amountMinor <= 0) return;
    await manager
      .createQueryBuilder()
      .update(CreditLine)
      .set({ used: () => 'used - :amount' })
      .where('tenant_id = :tenantId AND mode = :mode AND customer_ref = :customerRef')
      .setParameters({ amount: amountMinor, ...ownerFilter(owner), customerRef })
      .execute();
  }

  /** The line as the caller's transaction sees it (for responses after a write). */
  async current(manager: EntityManager, owner: DataOwner, customerRef: string): Promise<CreditLine> {
    const line = await manager.findOneBy(CreditLine, { ...ownerFilter(owner), customerRef });
    if (!line) throw new NotFoundError('credit line', customerRef);
    return line;
  }
}
