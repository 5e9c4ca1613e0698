import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination/pagination.js';
import { IsOptional } from '../../common/validation/is-optional.js';
import { NoPersonalIdentifiers } from '../../common/validation/no-personal-identifiers.validator.js';
import { CUSTOMER_REF_PATTERN } from '../../consents/dto/consent.dto.js';
import { ApplicantDto, ApplicationDto } from '../../scoring/dto/score-request.dto.js';
import { REFERRAL_STATUSES, type ReferralStatus } from '../domain/index.js';
import { APPLICANT_PRODUCTS, PricingViewDto } from './lender-product.dto.js';

/** Ids are printable ASCII; anything else could never name a row and must not reach SQL. */
const ID_TEXT = /^[\x21-\x7e]{1,64}$/;
const REGION_CODE = /^\d{2}$/;

export class ReferralApplicantDto extends ApplicantDto {
  /** Your reference for the shopper (not an ID or phone number). @example "u-1" */
  @IsOptional()
  @IsString()
  @Matches(CUSTOMER_REF_PATTERN, { message: 'customerRef must be 1–100 of letters, digits and ._:@-' })
  @NoPersonalIdentifiers()
  customerRef?: string;

  /**
   * Province-level code (GB/T 2260) of where the applicant lives, e.g. from the shipping address.
   * Regional lenders match on it. Never taken from the ID number: that says where a person was
   * registered, a protected attribute. Omitted: only nationwide products match. @example "31"
   */
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE, { message: 'residenceRegion must be a 2-digit province code such as "31"' })
  residenceRegion?: string;
}

export class CreateReferralDto {
  /** A consent with purpose `referral_sharing` naming this applicant. @example "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  @IsString()
  @Matches(ID_TEXT, { message: 'consentId must be a consent id such as "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E"' })
  consentId!: string;

  /** The score to match lenders on (`POST /v1/scores`): one of yours, of this applicant, at most 30 days old. Omitted: your latest score of this applicant within 30 days (422 `score_required` if there is none). @example "scr_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  @IsOptional()
  @IsString()
  @Matches(ID_TEXT, { message: 'scoreId must be a score id such as "scr_01JD3Q6Z5V7Y8X9W0A1B2C3D4E"' })
  scoreId?: string;

  @ApiPropertyOptional({ enum: APPLICANT_PRODUCTS, example: 'consumer', description: "Must be the score's product when sent; it is taken from the score otherwise." })
  @IsOptional()
  @IsIn(APPLICANT_PRODUCTS)
  product?: (typeof APPLICANT_PRODUCTS)[number];

  /** The shopper. The ID number must be the score's and the consent's; it and the phone number are never stored, and name, deviceId and ip are not used. */
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralApplicantDto)
  applicant!: ReferralApplicantDto;

  /** What the shopper asks to borrow. */
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicationDto)
  request!: ApplicationDto;
}

export class AcceptReferralDto {
  /** One of the referral's offers. @example "off_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  @IsString()
  @Matches(ID_TEXT, { message: 'offerId must be an offer id such as "off_01JD3Q6Z5V7Y8X9W0A1B2C3D4E"' })
  offerId!: string;
}

export class ReferralListQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, example: 'submitted' })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;
}

export class OfferLenderDto {
  /** @example "ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example "Guanxing Bank" */
  name!: string;
}

export class OfferDto {
  /** @example "off_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** 1 is the cheapest credit (lowest true APR, then lowest total repayable). @example 1 */
  rank!: number;
  lender!: OfferLenderDto;
  /** @example "lpr_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  lenderProductId!: string;
  /** @example "Guanxing Bank consumer loan" */
  productName!: string;
  /** @example "20000.00" */
  amount!: string;
  /** @example 12 */
  termMonths!: number;
  pricing!: PricingViewDto;
  /** @example "1758.35" */
  installmentAmount!: string;
  /** @example "1100.20" */
  totalInterest!: string;
  /** @example "0.00" */
  totalFees!: string;
  /** @example "21100.20" */
  totalRepayable!: string;
  /** True APR of the schedule's rounded cash flows. @example "9.90" */
  aprPercent!: string;
}

export class ReferralRequestViewDto {
  /** @example "20000.00" */
  amount!: string;
  /** @example 12 */
  termMonths!: number;
  /** @example "consumer_goods" */
  purpose!: string | null;
}

export class ReferralReasonDto {
  /** @example "T02" */
  code!: string;
  /** @example "Few orders in the last 12 months" */
  text!: string;
}

export class ReferralScoreDto {
  /** @example "scr_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example 712 */
  creditScore!: number;
  /** @example 85 */
  fraudScore!: number;
  /** @example "B" */
  grade!: string;
  /** @example "consumer-thin-file@2026-11-24" */
  modelVersion!: string;
  /** The score's reasons (top 4), in the request's language. */
  reasons!: ReferralReasonDto[];
}

export class LenderDecisionViewDto {
  @ApiProperty({ enum: ['approved', 'declined'], example: 'approved' })
  decision!: 'approved' | 'declined';
  /** @example "20000.00" */
  approvedAmount!: string | null;
  /** @example null */
  declineReason!: string | null;
  /** @example "2026-11-29T09:00:00.000Z" */
  decidedAt!: string;
}

export class FundingViewDto {
  /** @example "20000.00" */
  amount!: string;
  /** @example "2026-11-30T02:00:00.000Z" */
  fundedAt!: string;
}

export class ReferralFeeViewDto {
  /** @example "300.00" */
  amount!: string;
  /** @example "1.50" */
  feePercent!: string;
}

export class ReferralDto {
  /** @example "ref_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'offered', description: '`expired`: offered and not accepted before `expiresAt`, evaluated on every read.' })
  status!: ReferralStatus;
  /** @example "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  consentId!: string;
  @ApiProperty({ enum: APPLICANT_PRODUCTS, example: 'consumer' })
  product!: (typeof APPLICANT_PRODUCTS)[number];
  /** @example "u-1" */
  customerRef!: string | null;
  /** @example "31" */
  residenceRegion!: string | null;
  /** The currency of every amount in the referral: request, offers, decision, funding and fee. @example "CNY" */
  currency!: string;
  request!: ReferralRequestViewDto;
  score!: ReferralScoreDto;
  /** Matching lender products, best first, one per lender (at most 10); empty when none lends to this applicant. */
  offers!: OfferDto[];
  /** @example null */
  acceptedOfferId!: string | null;
  lenderDecision!: LenderDecisionViewDto | null;
  funding!: FundingViewDto | null;
  /** Your fee for this referral, once funded. */
  referralFee!: ReferralFeeViewDto | null;
  /** Offers can be accepted until then. @example "2026-12-06T08:00:00.000Z" */
  expiresAt!: string;
  /** @example null */
  submittedAt!: string | null;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  updatedAt!: string;
}
