import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type Repository } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { type FieldError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { canonicalJson } from '../common/idempotency/idempotency.service.js';
import { newId } from '../common/ids.js';
import { parseMoney } from '../common/money.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import { consentRefusal, type ConsentTerms } from '../consents/consents.service.js';
import { chinaDate } from '../identity/domain/civil-date.js';
import { validateMobile } from '../identity/domain/mobile.js';
import { validateResidentId } from '../identity/domain/resident-id.js';
import { PiiHasher } from '../identity/pii-hasher.service.js';
import { decideOnApplication, modelNameFor } from './application-decision.js';
import type { ScoreRequestDto } from './dto/score-request.dto.js';
import { ModelRegistry } from './engine/model-registry.js';
import type { FraudSignals } from './fraud/fraud-rules.js';
import { VelocityService } from './fraud/velocity.service.js';
import { ScoreDecision } from './score-decision.entity.js';
import { preparedQuery } from '../database/prepared-query.js';
import { UsageRecorder } from '../metering/usage-recorder.service.js';

interface ConsentRow {
  id: string;
  status: 'authorised' | 'revoked';
  expires_at: Date;
  purposes: ConsentTerms['purposes'];
  id_number_hash: string | null;
  phone_hash: string | null;
  customer_ref: string | null;
  stored: number;
}

const NO_SIGNALS: FraudSignals = { idNumber: null, phone: null, device: null, distinctPartners30d: null, identityFailures30d: null };

/**
 * `POST /v1/scores`: validate, read and bump the consortium velocity (one pipelined Redis
 * round trip), decide in memory, then check the consent and store the decision with its
 * consent use in one SQL statement. Velocity counts every application a partner submits,
 * authorised or not: an unauthorised attempt is itself a signal, and partners attest their
 * own consents, so counting only authorised ones would protect nobody.
 */
@Injectable()
export class ScoresService {
  private readonly logger = new Logger(ScoresService.name);

  constructor(
    @InjectRepository(ScoreDecision) private readonly decisions: Repository<ScoreDecision>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PiiHasher,
    private readonly velocity: VelocityService,
    private readonly models: ModelRegistry,
    private readonly usage: UsageRecorder,
  ) {}

  async score(principal: Principal, input: ScoreRequestDto, now = new Date()): Promise<ScoreDecision> {
    const started = process.hrtime.bigint();
    const idCheck = validateResidentId(input.applicant.idNumber, chinaDate(now));
    this.assertWellFormed(input, idCheck.wellFormed);

    const idNumberHash = this.hasher.idNumber(input.applicant.idNumber);
    const phoneHash = input.applicant.phone !== undefined ? this.hasher.phone(input.applicant.phone) : null;

    const degradedReasons: string[] = [];
    let signals = NO_SIGNALS;
    try {
      signals = await this.velocity.observe(
        { tenantId: principal.tenantId, idNumberHash, phoneHash, deviceId: input.applicant.deviceId ?? null },
        { record: true, now },
      );
    } catch (err) {
      degradedReasons.push('velocity_unavailable');
      this.logger.warn(`velocity unavailable, scoring without it: ${(err as Error).message}`);
    }

    const pin = principal.modelPins[modelNameFor(input)];
    const outcome = decideOnApplication(
      {
        product: input.product,
        identityValid: idCheck.valid,
        age: idCheck.age ?? null,
        amountMinor: input.application ? parseMoney(input.application.amount) : null,
        bureau: input.bureau,
        behaviour: input.behaviour,
        identity: input.identity,
        cashFlow: input.cashFlow,
        partnerSignals: input.signals ?? {},
      },
      signals,
      this.models,
      pin,
    );

    const decision = this.decisions.create({
      id: newId('scr'),
      tenantId: principal.tenantId,
      apiKeyId: principal.keyId,
      consentId: input.consentId,
      product: input.product,
      modelVersion: outcome.modelVersion,
      inputDigest: inputDigest(input, idNumberHash, phoneHash),
      idNumberHash,
      creditScore: outcome.creditScore,
      fraudScore: outcome.fraudScore,
      grade: outcome.grade,
      decision: outcome.decision,
      decisionReasons: outcome.decisionReasons,
      creditLimitMinor: outcome.creditLimitMinor,
      currency: 'CNY',
      aprPercent: outcome.aprPercent,
      reasons: outcome.reasons.map((r) => ({ code: r.code, direction: r.direction, points: r.points, text: r.text })),
      fraudReasons: outcome.fraudReasons.map((r) => ({ code: r.code, points: r.points, text: r.text })),
      degraded: degradedReasons.length > 0,
      degradedReasons,
      latencyMicros: Number((process.hrtime.bigint() - started) / 1000n),
      createdAt: now,
    });
    // The consent is checked by the same statement that stores the decision (one round trip).
    const terms = await this.storeIfConsented(decision, phoneHash, now);
    const refusal = consentRefusal(input.consentId, terms, 'credit_scoring', { idNumberHash, phoneHash }, now);
    if (refusal) throw refusal;
    return decision;
  }

  async get(tenantId: string, id: string): Promise<ScoreDecision> {
    const decision = await this.decisions.findOneBy({ id, tenantId });
    if (!decision) throw new NotFoundError('score', id);
    return decision;
  }

  list(tenantId: string, page: PaginationQueryDto): Promise<Page<ScoreDecision>> {
    return paginate(this.decisions.createQueryBuilder('score').where('score.tenant_id = :tenantId', { tenantId }), page);
  }

  /**
   * One statement: read the consent, and only if it authorises credit scoring of this person
   * now, insert the decision, the consent use and the billable usage event. Returns the consent's terms (undefined when
   * the tenant has no such consent) so the caller can say why it refused. The predicate
   * mirrors `consentRefusal`; the consent-rules tests hold the two together.
   */
  private async storeIfConsented(d: ScoreDecision, phoneHash: string | null, now: Date): Promise<ConsentTerms | undefined> {
    const rows = await preparedQuery<ConsentRow>(
      this.db,
      'score-store-if-consented',
      `WITH consent AS (
         SELECT id, status, expires_at, purposes, id_number_hash, phone_hash, customer_ref FROM consents WHERE id = $4 AND tenant_id = $2),
       authorised AS (
         SELECT id FROM consent
          WHERE status = 'authorised' AND expires_at > $22 AND 'credit_scoring' = ANY(purposes)
            AND (id_number_hash IS NULL OR id_number_hash = $8)
            AND (phone_hash IS NULL OR $23::char(64) IS NULL OR phone_hash = $23)
            AND (id_number_hash = $8 OR phone_hash = $23)),
       decision AS (
         INSERT INTO score_decisions (id, tenant_id, api_key_id, consent_id, product, model_version, input_digest, id_number_hash,
           credit_score, fraud_score, grade, decision, credit_limit_minor, currency, apr_percent, reasons, fraud_reasons,
           decision_reasons, degraded, degraded_reasons, latency_micros, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22 FROM authorised
         RETURNING id),
       used AS (
         INSERT INTO consent_uses (resource_id, consent_id, tenant_id, purpose, used_at)
         SELECT id, $4, $2, 'credit_scoring', $22 FROM decision RETURNING resource_id),
       billed AS (
         INSERT INTO usage_events (tenant_id, api_key_id, product, route, status_class, billable, calls, units, resource_id, occurred_at)
         SELECT $2, $3, 'scores', 'POST /v1/scores', 2, true, 1, 1, id, $22 FROM decision WHERE $24::boolean)
       SELECT consent.*, (SELECT count(*) FROM used)::int AS stored FROM consent`,
      [
        d.id, d.tenantId, d.apiKeyId, d.consentId, d.product, d.modelVersion, d.inputDigest, d.idNumberHash,
        d.creditScore, d.fraudScore, d.grade, d.decision, d.creditLimitMinor, d.currency, d.aprPercent,
        JSON.stringify(d.reasons), JSON.stringify(d.fraudReasons), d.decisionReasons, d.degraded, d.degradedReasons,
        d.latencyMicros, now, phoneHash, this.usage.enabled,
      ],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      status: row.status,
      expiresAt: row.expires_at,
      purposes: row.purposes,
      idNumberHash: row.id_number_hash,
      phoneHash: row.phone_hash,
      customerRef: row.customer_ref,
    };
  }

  private assertWellFormed(input: ScoreRequestDto, idWellFormed: boolean): void {
    const errors: FieldError[] = [];
    if (!idWellFormed) errors.push({ field: 'applicant.idNumber', message: 'idNumber must be 17 digits followed by a digit or X' });
    if (input.applicant.phone !== undefined && !validateMobile(input.applicant.phone).wellFormed) {
      errors.push({ field: 'applicant.phone', message: 'phone is not a mobile number' });
    }
    if (input.product === 'merchant' && !input.cashFlow) errors.push({ field: 'cashFlow', message: 'cashFlow is required for product merchant' });
    if (input.product === 'consumer' && input.cashFlow) errors.push({ field: 'cashFlow', message: 'cashFlow applies to product merchant only' });
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}

/** SHA-256 of the canonical request with the identifiers replaced by their keyed hashes (and the name left out). */
function inputDigest(input: ScoreRequestDto, idNumberHash: string, phoneHash: string | null): string {
  const { name: _name, idNumber: _id, phone: _phone, ...applicant } = input.applicant;
  const canonical = canonicalJson({ ...input, applicant: { ...applicant, idNumberHash, phoneHash } });
  return createHash('sha256').update(canonical).digest('hex');
}
