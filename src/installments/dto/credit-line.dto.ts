import { IsString, Matches } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { IsMoneyString } from '../../common/validation/money.validator.js';
import { CURRENCY_PATTERN } from './quote.dto.js';

export class PutCreditLineDto {
  /** The credit limit, within policy: 5,000.00–100,000.00 CNY by default, and not below what is in use. Give `limit` or `scoreId`. @example "10000.00" */
  @IsOptional()
  @IsString()
  @IsMoneyString()
  limit?: string;

  /**
   * Open the line at the credit limit of one of your consumer scores instead (decision approve or
   * review, at most 30 days old). @example "scr_01JD3Q6Z5V7Y8X9W0A1B2C3D4E"
   */
  @IsOptional()
  @Matches(/^scr_[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'scoreId must be a score id (scr_…)' })
  scoreId?: string;

  /** ISO 4217; `CNY` (the default) only for now, and a line keeps its currency. @example "CNY" */
  @IsOptional()
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as "CNY"' })
  currency?: string;
}

export class CreditLineDto {
  /** @example "u-1" */
  customerRef!: string;
  /** @example "10000.00" */
  limit!: string;
  /** Principal of open plans not yet repaid. @example "6000.00" */
  used!: string;
  /** limit − used. @example "4000.00" */
  available!: string;
  /** @example "CNY" */
  currency!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  updatedAt!: string;
}
