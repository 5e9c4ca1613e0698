import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  /** Dotted path of the offending field. @example "plan.monthlyQuota" */
  field!: string;
  /** What is wrong with it. @example "monthlyQuota must not be less than 0" */
  message!: string;
}

/** RFC 9457 problem details, as every error response of the API. */
export class ProblemDto {
  /** @example "https://docs.guanxing.dev/problems/validation_failed" */
  type!: string;
  /** @example "Invalid request" */
  title!: string;
  /** @example 400 */
  status!: number;
  /** @example "The request has invalid fields; see errors[]." */
  detail!: string;
  /** @example "/admin/v1/tenants" */
  instance!: string;
  /** Stable, machine-readable error code. @example "validation_failed" */
  @ApiProperty({ example: 'validation_failed' })
  code!: string;
  /** The request id, as in the `X-Request-Id` header. @example "req_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
