import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Repository } from 'typeorm';
import { type DataOwner, ownerFilter, type Principal } from '../auth/principal.js';
import { type FieldError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { canonicalJson } from '../common/idempotency/idempotency.service.js';
import { newId } from '../common/ids.js';
import { parseMoney } from '../common/money.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import { ConsentRequiredError } from '../consents/consent-errors.js';
import { consentRefusal } from '../consents/consents.service.js';
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
import { DecisionWriter } from './decision-writer.service.js';

const NO_SIGNALS: FraudSignals = { idNumber: null, phone: null, device: null, distinctPartners30d: null, identityFailures30d: null };

/**
 * `POST /v1/scores`: validate, read and bump the consortium velocity (one pipelined Redis
 * round trip), decide in memory, then check the consent and store the decision with its
 * consent use and usage event in one group-committed SQL statement (`DecisionWriter`). Velocity counts every application a partner submits,
 * authorised or not: an unauthorised attempt is itself a signal, and partners attest their
 * own consents, so counting only authorised ones would protect nobody.
 */
@Injectable()
export class ScoresService {
  private readonly logger = new Logger(ScoresService.name);

  constructor(
    @InjectRepository(ScoreDecision) private readonly decisions: Repository<ScoreDecision>,
    private readonly hasher: PiiHasher,
    private readonly velocity: VelocityService,
    private readonly models: ModelRegistry,
    private readonly writer: DecisionWriter,
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
        { tenantId: principal.tenantId, mode: principal.mode, idNumberHash, phoneHash, deviceId: input.applicant.deviceId ?? null },
        { record: true, now },
      );
    } catch (err) {
      degradedReasons.push('velocity_unavailable');
      this.logger.warn(`velocity unavailable, scoring without it: ${(err as Error).message}`);
    }

    // Counted above like any application (an attempt without consent is a signal too), refused here.
    if (input.consentId === undefined) throw new ConsentRequiredError('Scoring needs a consent with purpose credit_scoring naming the applicant: send its id as consentId.');
    const consentId = input.consentId;

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

    // A plain assignment: the repository's create() walks entity metadata on every call.
    const decision = Object.assign(new ScoreDecision(), {
      id: newId('scr'),
      tenantId: principal.tenantId,
      mode: principal.mode,
      apiKeyId: principal.keyId,
      consentId,
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
    // The consent is checked by the same statement that stores the decision (group-committed).
    const written = await this.writer.write(decision, phoneHash);
    if (!written.stored) {
      throw consentRefusal(consentId, written.terms, 'credit_scoring', { idNumberHash, phoneHash }, now) ?? new ConsentRequiredError(`Consent ${consentId} does not authorise this score.`);
    }
    return decision;
  }

  async get(owner: DataOwner, id: string): Promise<ScoreDecision> {
    const decision = await this.decisions.findOneBy({ id, ...ownerFilter(owner) });
    if (!decision) throw new NotFoundError('score', id);
    return decision;
  }

  list(owner: DataOwner, page: PaginationQueryDto): Promise<Page<ScoreDecision>> {
    return paginate(this.decisions.createQueryBuilder('score').where(ownerFilter(owner)), page);
  }

  private assertWellFormed(input: ScoreRequestDto, idWellFormed: boolean): void {
    const errors: FieldError[] = [];
    if (!idWellFormed) errors.push({ field: 'applicant.idNumber', message: 'idNumber must be 17 digits followed by a digit or X' });
    if (input.applicant.phone !== undefined && !validateMobile(input.applicant.phone).wellFormed) {
      errors.push({ field: 'applicant.phone', message: 'phone is not a mobile number' });
    }
    if (input.product === 'merchant' && !input.cashFlow) errors.push({ field: 'cashFlow', message: 'cashFlow is required for product merchant' });
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}

/** SHA-256 of the canonical request with the identifiers replaced by their keyed hashes (and the name left out). */
function inputDigest(input: ScoreRequestDto, idNumberHash: string, phoneHash: string | null): string {
  const { name: _name, idNumber: _id, phone: _phone, ...applicant } = input.applicant;
  const canonical = canonicalJson({ ...input, applicant: { ...applicant, idNumberHash, phoneHash } });
  return createHash('sha256').update(canonical).digest('hex');
}
