import { ApiKey } from '../api-keys/api-key.entity.js';
import { IdempotencyRecord } from '../common/idempotency/idempotency-record.entity.js';
import { Consent, ConsentUse } from '../consents/consent.entity.js';
import { IdentityCheckRecord } from '../identity/identity-check.entity.js';
import { INSTALLMENT_ENTITIES } from '../installments/installment.entities.js';
import { BATCH_ENTITIES } from '../batch-scoring/batch.entities.js';
import { WEBHOOK_ENTITIES } from '../webhooks/webhook.entities.js';
import { UsageEvent } from '../metering/usage-event.entity.js';
import { REFERRAL_ENTITIES } from '../referrals/referral.entities.js';
import { ScoreDecision } from '../scoring/score-decision.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';

/**
 * Every entity, in one list shared by the app, the worker and the migration CLI, so the
 * drift check (`migration:check`) sees exactly what the running code sees.
 */
export const ENTITIES = [Tenant, ApiKey, IdempotencyRecord, Consent, ConsentUse, IdentityCheckRecord, ScoreDecision, UsageEvent, ...INSTALLMENT_ENTITIES, ...BATCH_ENTITIES, ...WEBHOOK_ENTITIES, ...REFERRAL_ENTITIES];
