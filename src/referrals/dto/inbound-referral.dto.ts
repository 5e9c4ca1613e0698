import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination/pagination.js';
import { IsOptional } from '../../common/validation/is-optional.js';
import { IsMoneyString } from '../../common/validation/money.validator.js';
import { REFERRAL_STATUSES, type ReferralStatus } from '../domain/index.js';
import { APPLICANT_PRODUCTS } from './lender-product.dto.js';
import { FundingViewDto, LenderDecisionViewDto, OfferDto, ReferralFeeViewDto, ReferralRequestViewDto, ReferralScoreDto } from './referral.dto.js';

const REASON_CODE = /^[a-z][a-z0-9_]{0,63}$/;
/** A lender meets a referral only once it is submitted, so never `offered` nor `expired`. */
const INBOUND_STATUSES = REFERRAL_STATUSES.filter((s) => s !== 'offered' && s !== 'expired');

export class LenderDecisionDto {
  @ApiProperty({ enum: ['approved', 'declined'], example: 'approved' })
  @IsIn(['approved', 'declined'])
  decision!: 'approved' | 'declined';

  /** Amount approved, at most the offer's (approved only). Default: the offer's amount. @example "20000.00" */
  @IsOptional()
  @IsString()
  @IsMoneyString()
  approvedAmount?: string;

  /** Your reason code for a decline (declined only), shown to the referring partner. @example "income_unverified" */
  @IsOptional()
  @IsString()
  @Matches(REASON_CODE, { message: 'declineReason must be a lower-case code such as income_unverified' })
  declineReason?: string;
}

export class FundingDto {
  /** Amount paid out, at most the approved amount; omitted (or no body), the approved amount. The referral fee is a percent of it. @example "20000.00" */
  @IsOptional()
  @IsString()
  @IsMoneyString()
  amount?: string;
}

export class InboundReferralListQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: INBOUND_STATUSES, example: 'submitted' })
  @IsOptional()
  @IsIn(INBOUND_STATUSES)
  status?: ReferralStatus;
}

export class ReferrerDto {
  /** @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example "Shop A" */
  name!: string;
}

export class ConsentProofDto {
  /** @example "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example ["credit_scoring", "referral_sharing"] */
  purposes!: string[];
  /** @example "2027-02-27T08:00:00.000Z" */
  expiresAt!: string;
  /** @example "app" */
  channel!: string;
  /** @example "2026-10" */
  noticeVersion!: string;
  /** @example "2026-11-29T07:59:00.000Z" */
  capturedAt!: string;
  @ApiProperty({ enum: ['authorised', 'revoked', 'expired'], example: 'authorised', description: 'Now. A consent revoked or expired after submission leaves what was shared, but you may no longer approve (403).' })
  status!: 'authorised' | 'revoked' | 'expired';
  /** @example null */
  revokedAt!: string | null;
}

export class InboundReferralDto {
  /** @example "ref_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  @ApiProperty({ enum: INBOUND_STATUSES, example: 'submitted' })
  status!: ReferralStatus;
  referrer!: ReferrerDto;
  @ApiProperty({ enum: APPLICANT_PRODUCTS, example: 'consumer' })
  product!: (typeof APPLICANT_PRODUCTS)[number];
  /** @example "31" */
  residenceRegion!: string | null;
  /** The currency of every amount in the referral. @example "CNY" */
  currency!: string;
  request!: ReferralRequestViewDto;
  score!: ReferralScoreDto;
  /** The offer the applicant accepted: your product, at the terms offered. */
  offer!: OfferDto;
  /** The applicant's consent to share this with you (purpose `referral_sharing`). */
  consent!: ConsentProofDto;
  lenderDecision!: LenderDecisionViewDto | null;
  funding!: FundingViewDto | null;
  referralFee!: ReferralFeeViewDto | null;
  /** @example "2026-11-29T08:05:00.000Z" */
  submittedAt!: string;
  /** @example "2026-11-29T08:05:00.000Z" */
  updatedAt!: string;
}
