import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ScoreReasonDto {
  /** Stable reason code. @example "C03" */
  code!: string;
  /** In the language of Accept-Language. @example "Revolving credit utilisation is high" */
  text!: string;
  @ApiProperty({ enum: ['negative', 'positive'], example: 'negative' })
  direction!: 'negative' | 'positive';
}

export class FraudReasonDto {
  /** @example "F02" */
  code!: string;
  /** @example "Many applications with this ID number in the last 24 hours" */
  text!: string;
}

export class ScoreDto {
  /** @example "scr_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  @ApiProperty({ enum: ['consumer', 'merchant'], example: 'consumer' })
  product!: 'consumer' | 'merchant';
  /** 300–900, higher is better. @example 612 */
  creditScore!: number;
  /** 0–1000, higher is riskier. @example 85 */
  fraudScore!: number;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'], example: 'B' })
  grade!: string;
  @ApiProperty({ enum: ['approve', 'review', 'decline'], example: 'approve' })
  decision!: 'approve' | 'review' | 'decline';
  /** Why the decision is what it is (stable codes). @example [] */
  decisionReasons!: string[];
  /** Credit line offered ("0.00" when declined). @example "30000.00" */
  creditLimit!: string;
  /** @example "CNY" */
  currency!: string;
  /** APR for the grade. @example "12.90" */
  aprPercent!: string;
  /** Up to 4 reasons, most points lost first. */
  @ApiProperty({ type: [ScoreReasonDto] })
  reasons!: ScoreReasonDto[];
  @ApiProperty({ type: [FraudReasonDto] })
  fraudReasons!: FraudReasonDto[];
  /** @example "consumer-bureau@2026-11-29" */
  modelVersion!: string;
  /** True when a dependency (velocity store) was unavailable; the score is still valid. @example false */
  degraded!: boolean;
  @ApiPropertyOptional({ type: [String], example: [] })
  degradedReasons?: string[];
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
}
