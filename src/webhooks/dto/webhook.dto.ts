import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation/is-optional.js';
import { PaginationQueryDto } from '../../common/pagination/pagination.js';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../webhook-delivery.entity.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events.js';

export class PutWebhookEndpointDto {
  /** Where events are POSTed: http or https. Public addresses only, unless the deployment allows localhost and private networks (a development gateway). @example "https://partner.example.com/hooks/guanxing" */
  @IsString()
  @MaxLength(2048)
  url!: string;

  /** Event types to receive. @example ["batch_job.completed", "batch_job.failed"] */
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['batch_job.completed', 'batch_job.failed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: WebhookEventType[];

  /** Issue a new signing secret (shown once in the response); the old one stops signing at once. @example false */
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;
}

export class WebhookEndpointDto {
  /** @example "whe_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  /** @example "https://partner.example.com/hooks/guanxing" */
  url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['batch_job.completed', 'batch_job.failed'] })
  events!: string[];
  /** Mode of the key that set the URL. @example "live" */
  @ApiProperty({ enum: ['live', 'test'], example: 'live' })
  mode!: string;
  /** The start of the signing secret, to tell secrets apart. @example "whsec_Ab3d" */
  secretHint!: string;
  /** The signing secret: only in the response that created or rotated it. Verify `Guanxing-Signature` with it. @example "whsec_Ab3dJ0c8tZ0Cq2HkqVx0kq1t0uMZ4bQ9S7y3bTt6b1I" */
  @ApiPropertyOptional({ example: 'whsec_Ab3dJ0c8tZ0Cq2HkqVx0kq1t0uMZ4bQ9S7y3bTt6b1I' })
  secret?: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  createdAt!: string;
  /** @example "2026-11-29T08:00:00.000Z" */
  updatedAt!: string;
}

export class WebhookAttemptDto {
  /** 1-based. @example 1 */
  attempt!: number;
  /** @example "2026-11-29T08:00:02.000Z" */
  startedAt!: string;
  /** @example "https://partner.example.com/hooks/guanxing" */
  url!: string;
  /** @example 503 */
  @ApiProperty({ type: Number, nullable: true, example: 503 })
  statusCode!: number | null;
  /** @example "HTTP 503" */
  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503' })
  error!: string | null;
  /** @example 42 */
  durationMs!: number;
  /** @example false */
  delivered!: boolean;
}

export class WebhookDeliveryDto {
  /** The event id (also the `id` in the delivered body). @example "evt_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, example: 'batch_job.completed' })
  eventType!: string;
  /** The resource the event is about. @example "bat_01JD3Q6Z5V7Y8X9W0A1B2C3D4E" */
  subjectId!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'delivered' })
  status!: DeliveryStatus;
  /** Attempts so far. @example 2 */
  attempts!: number;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-29T08:00:02.000Z' })
  lastAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 200 })
  lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-29T08:00:02.000Z' })
  deliveredAt!: string | null;
  /** @example "2026-11-29T08:00:01.000Z" */
  createdAt!: string;
  /** Every attempt, oldest first (single-delivery responses only). */
  @ApiPropertyOptional({ type: [WebhookAttemptDto] })
  attemptLog?: WebhookAttemptDto[];
}

export class DeliveryListQueryDto extends PaginationQueryDto {
  /** Only deliveries in this state. @example "failed" */
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}
