import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type DataOwner, ownerFilter, type Principal } from '../auth/principal.js';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { newId } from '../common/ids.js';
import { AppConfig } from '../config/app-config.js';
import type { PutWebhookEndpointDto } from './dto/webhook.dto.js';
import { SecretBox } from './secret-box.js';
import { privateTargetProblem, urlShapeProblem } from './url-policy.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export interface PutOutcome {
  endpoint: WebhookEndpoint;
  /** Only when this call created the endpoint or rotated its secret. */
  secret?: string;
}

@Injectable()
export class WebhookEndpointsService {
  private readonly box: SecretBox;
  private readonly allowPrivateTargets: boolean;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.piiHashSecret);
    this.allowPrivateTargets = config.webhookAllowPrivateTargets;
    if (config.isProduction && this.allowPrivateTargets) {
      // Legitimate for a gateway inside a partner's own network, dangerous anywhere else: say so at every start.
      new Logger(WebhookEndpointsService.name).warn('WEBHOOK_ALLOW_PRIVATE_TARGETS is on in production: any API key can make this gateway POST to its own network');
    }
  }

  /**
   * Creates or replaces the tenant's endpoint for the key's mode. A new secret is generated on creation or on
   * `rotateSecret`, and returned only then. One statement decides, so two concurrent first
   * PUTs cannot both believe they hold the secret.
   */
  async put(principal: Principal, input: PutWebhookEndpointDto): Promise<PutOutcome> {
    const shape = urlShapeProblem(input.url);
    if (shape) throw new ValidationFailedError([{ field: 'url', message: shape }]);
    // Private targets are for developing against a laptop, where the deployment allows them
    // (by default everywhere but production), for live and test keys alike: a gateway that
    // allows them serves no real traffic. In production the api's own network stays out of reach.
    if (!this.allowPrivateTargets) {
      const target = await privateTargetProblem(input.url);
      if (target) throw new ValidationFailedError([{ field: 'url', message: target }]);
    }
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const rotate = input.rotateSecret === true;
    const rows: { id: string; issued: boolean }[] = await this.db.query(
      `INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret_ciphertext, secret_hint, mode, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now())
       ON CONFLICT (tenant_id, mode) DO UPDATE SET url = EXCLUDED.url, events = EXCLUDED.events, updated_at = now(),
         secret_ciphertext = CASE WHEN $8::boolean THEN EXCLUDED.secret_ciphertext ELSE webhook_endpoints.secret_ciphertext END,
         secret_hint = CASE WHEN $8::boolean THEN EXCLUDED.secret_hint ELSE webhook_endpoints.secret_hint END
       RETURNING id, (xmax = 0 OR $8::boolean) AS issued`,
      [newId('whe'), principal.tenantId, input.url, [...input.events], this.box.seal(secret), secret.slice(0, 10), principal.mode, rotate],
    );
    const endpoint = await this.get(principal);
    return { endpoint, ...(rows[0]?.issued ? { secret } : {}) };
  }

  async get(owner: DataOwner): Promise<WebhookEndpoint> {
    const endpoint = await this.db.getRepository(WebhookEndpoint).findOneBy(ownerFilter(owner));
    if (!endpoint) throw new NotFoundError('webhook endpoint');
    return endpoint;
  }

  /** Later deliveries of pending events fail (nowhere to send); events are no longer recorded. */
  async remove(owner: DataOwner): Promise<void> {
    await this.get(owner);
    await this.db.getRepository(WebhookEndpoint).delete(ownerFilter(owner));
  }
}
