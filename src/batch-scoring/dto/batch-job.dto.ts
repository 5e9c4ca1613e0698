import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { NoPersonalIdentifiers } from '../../common/validation/no-personal-identifiers.validator.js';
import { BATCH_JOB_STATUSES, type BatchJobStatus, UPLOAD_FORMATS, type UploadFormat } from '../jobs/batch-job.entity.js';

export class UploadQueryDto {
  /** Your reference to the consents you hold for every applicant in the file (kept with the job for audit). @example "consent-register-2026-11#portfolio-7" */
  @IsString()
  @MaxLength(200)
  @Matches(/^[\x21-\x7e][\x20-\x7e]*$/, { message: 'consentAttestation must be printable ASCII (1–200 characters)' })
  @NoPersonalIdentifiers()
  consentAttestation!: string;

  /** Format of a multipart file part when neither its type nor its name tells (`.csv`, `.ndjson`, `.jsonl`). @example "csv" */
  @ApiPropertyOptional({ enum: UPLOAD_FORMATS })
  @IsOptional()
  @IsIn(UPLOAD_FORMATS)
  format?: UploadFormat;
}

export class ResultsQueryDto {
  /** `true`: stream the results of a job still running as its chunks are written (row order kept); the response ends with the job. @example "true" */
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  follow?: 'true' | 'false';
}

export class DecisionCountsDto {
  /** @example 812 */
  approve!: number;
  /** @example 140 */
  review!: number;
  /** @example 48 */
  decline!: number;
}

export class GradeCountsDto {
  /** @example 120 */
  A!: number;
  /** @example 380 */
  B!: number;
  /** @example 300 */
  C!: number;
  /** @example 150 */
  D!: number;
  /** @example 50 */
  E!: number;
}

export class HistogramBinDto {
  /** Lowest credit score in the bin. @example 600 */
  from!: number;
  /** Highest credit score in the bin (inclusive; the last bin is 880–900). @example 619 */
  to!: number;
  /** @example 73 */
  count!: number;
}

export class BatchSummaryDto {
  /** Rows scored (each one a billable `batch_rows` unit in a live key's job; the sandbox is free). @example 1000 */
  scoredRows!: number;
  /** Rows with an error instead of a score. @example 2 */
  failedRows!: number;
  decisions!: DecisionCountsDto;
  grades!: GradeCountsDto;
  /** Credit scores of scored rows in 20-point bins, 300–319 … 880–900. */
  @ApiProperty({ type: [HistogramBinDto] })
  creditScoreHistogram!: HistogramBinDto[];
  /** @example 641.37 */
  @ApiProperty({ type: Number, nullable: true, example: 641.37 })
  meanCreditScore!: number | null;
  /** @example 12.5 */
  @ApiProperty({ type: Number, nullable: true, example: 12.5 })
  meanFraudScore!: number | null;
}

export class BatchJobDto {
  /** @example "bat_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  @ApiProperty({ enum: BATCH_JOB_STATUSES, example: 'running' })
  status!: BatchJobStatus;
  @ApiProperty({ enum: UPLOAD_FORMATS, example: 'csv' })
  format!: UploadFormat;
  /** @example "consent-register-2026-11#portfolio-7" */
  consentAttestation!: string;
  /** Data rows in the upload. @example 1000 */
  totalRows!: number;
  /** Rows with a result line (scored or failed). @example 400 */
  processedRows!: number;
  /** Rows with an error instead of a score (refused at upload or unscorable). @example 2 */
  failedRows!: number;
  /** Processing rate since the first chunk started (to the end, once finished). @example 48210 */
  @ApiProperty({ type: Number, nullable: true, example: 48210 })
  rowsPerSecond!: number | null;
  /** Bytes uploaded. @example 31457280 */
  uploadBytes!: number;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-29T08:00:01.000Z' })
  startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  finishedAt!: string | null;
  /** Present once the job has completed, or was cancelled after some rows were scored (then of those rows). */
  @ApiProperty({ type: BatchSummaryDto, nullable: true })
  summary!: BatchSummaryDto | null;
  /** Why the job failed (status `failed`). */
  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  failureReason?: string | null;
  /** @example "/v1/batch-scoring-jobs/bat_01JD3Q6Z5V7Y8X9W0A1B2C3D4E/results" */
  resultsUrl!: string;
}
