import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsIP, IsNotEmpty, IsNumber, IsObject, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { idPattern } from '../../common/ids.js';
import { IsMoneyString } from '../../common/validation/money.validator.js';

const finite = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 };

export class ApplicantDto {
  /** PRC resident ID number of the applicant (the owner, for merchants). Never stored or logged. @example "11010519491231002X" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  idNumber!: string;

  /** Mainland mobile number. Never stored or logged. @example "13800138000" */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  /** @example "张三" */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  name?: string;

  /** Your device identifier for the session (velocity signal). @example "d-42" */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  deviceId?: string;

  /** @example "203.0.113.7" */
  @IsOptional()
  @IsIP()
  ip?: string;
}

export class ApplicationDto {
  /** Requested amount. @example "8000.00" */
  @IsMoneyString()
  amount!: string;

  @ApiProperty({ enum: ['CNY'], example: 'CNY' })
  @IsIn(['CNY'])
  currency!: 'CNY';

  /** @example 12 */
  @IsInt()
  @Min(1)
  @Max(60)
  termMonths!: number;

  /** @example "consumer_goods" */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'purpose must be a lower-case code such as consumer_goods' })
  purpose?: string;
}

export class BureauDto {
  /** Balances on cards and personal lines divided by their limits. @example 0.35 */
  @IsOptional() @IsNumber(finite) @Min(0) @Max(1_000_000) revolvingUtilization?: number;
  /** Times 30–59 days past due (2 years). @example 0 */
  @IsOptional() @IsInt() @Min(0) @Max(99) pastDue30to59?: number;
  /** @example 0 */
  @IsOptional() @IsInt() @Min(0) @Max(99) pastDue60to89?: number;
  /** @example 0 */
  @IsOptional() @IsInt() @Min(0) @Max(99) pastDue90Plus?: number;
  /** Monthly debt payments over gross monthly income. @example 0.3 */
  @IsOptional() @IsNumber(finite) @Min(0) @Max(1_000_000) debtRatio?: number;
  /** @example "12000.00" */
  @IsOptional() @IsMoneyString() monthlyIncome?: string;
  /** @example 5 */
  @IsOptional() @IsInt() @Min(0) @Max(500) openCreditLines?: number;
  /** @example 1 */
  @IsOptional() @IsInt() @Min(0) @Max(100) realEstateLoans?: number;
  /** @example 1 */
  @IsOptional() @IsInt() @Min(0) @Max(50) dependents?: number;
}

export class BehaviourDto {
  /** Age of the shopper's account on your platform. @example 36 */
  @IsOptional() @IsInt() @Min(0) @Max(1200) accountAgeMonths?: number;
  /** @example 48 */
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) orders12m?: number;
  /** @example "24000.00" */
  @IsOptional() @IsMoneyString() spend12m?: string;
  /** Share of orders returned, 0–1. @example 0.05 */
  @IsOptional() @IsNumber(finite) @Min(0) @Max(1) returnRate?: number;
  /** @example 10 */
  @IsOptional() @IsInt() @Min(0) @Max(100_000) onTimeInstallments?: number;
  /** @example 0 */
  @IsOptional() @IsInt() @Min(0) @Max(100_000) lateInstallments?: number;
}

export class IdentityFactsDto {
  /** Real-name verification passed. @example true */
  @IsOptional() @IsBoolean() verified?: boolean;
  /** @example true */
  @IsOptional() @IsBoolean() livenessPassed?: boolean;
  /** @example 48 */
  @IsOptional() @IsInt() @Min(0) @Max(1200) phoneTenureMonths?: number;
}

export class CashFlowDto {
  /** Monthly revenue, oldest month first (1–36 months). @example ["42000.00", "39000.00", "45000.00"] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(36)
  @IsMoneyString({ each: true })
  monthlyRevenue!: string[];

  /** @example 30 */
  @IsOptional() @IsInt() @Min(0) @Max(1200) monthsTrading?: number;

  /** @example "grocery" */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'sector must be a lower-case code such as grocery' })
  sector?: string;
}

/** Risk signals your platform observed; each one that is true adds to the fraud score. */
export class PartnerSignalsDto {
  @IsOptional() @IsBoolean() deviceRooted?: boolean;
  @IsOptional() @IsBoolean() emulator?: boolean;
  @IsOptional() @IsBoolean() proxyOrVpn?: boolean;
  @IsOptional() @IsBoolean() accountTakeoverSuspected?: boolean;
}

export class ScoreRequestDto {
  /** A consent with purpose `credit_scoring` naming this applicant. Without one the answer is 403 `consent_required`. @example "cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  @IsOptional()
  @Matches(idPattern('cns'), { message: 'consentId must be a consent id (cns_…)' })
  consentId?: string;

  @ApiProperty({ enum: ['consumer', 'merchant'], example: 'consumer' })
  @IsIn(['consumer', 'merchant'])
  product!: 'consumer' | 'merchant';

  @IsObject() @ValidateNested() @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiPropertyOptional({ type: ApplicationDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ApplicationDto)
  application?: ApplicationDto;

  /** Credit bureau facts; omit for applicants without a bureau record (thin file). */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => BureauDto)
  bureau?: BureauDto;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => BehaviourDto)
  behaviour?: BehaviourDto;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => IdentityFactsDto)
  identity?: IdentityFactsDto;

  /** Monthly revenue history: required for `merchant`; a `consumer` is scored without it (accepted and ignored). */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CashFlowDto)
  cashFlow?: CashFlowDto;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => PartnerSignalsDto)
  signals?: PartnerSignalsDto;
}
