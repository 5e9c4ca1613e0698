import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Not, type Repository } from 'typeorm';
import { type DataOwner, ownerFilter, type Principal } from '../auth/principal.js';
import { type DomainError, type FieldError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { newId } from '../common/ids.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import { chinaDate } from '../identity/domain/civil-date.js';
import { validateMobile } from '../identity/domain/mobile.js';
import { validateResidentId } from '../identity/domain/resident-id.js';
import { PiiHasher } from '../identity/pii-hasher.service.js';
import { ConsentExpiredError, ConsentRequiredError, ConsentRevokedError, ConsentSubjectMismatchError } from './consent-errors.js';
import { consentCovers, type SubjectKeys } from './consent-subject.js';
import { Consent, ConsentUse, type ConsentPurpose } from './consent.entity.js';
import type { ConsentSubjectDto, CreateConsentDto } from './dto/consent.dto.js';

const MAX_VALIDITY_MS = 90 * 24 * 3_600_000;
const CLOCK_SKEW_MS = 5 * 60_000;

@Injectable()
export class ConsentsService {
  constructor(
    @InjectRepository(Consent) private readonly consents: Repository<Consent>,
    private readonly hasher: PiiHasher,
  ) {}

  async create(principal: Principal, input: CreateConsentDto, now = new Date()): Promise<Consent> {
    const errors: FieldError[] = [];
    const subject = this.subjectKeys(input.subject, now, errors);
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(now.getTime() + MAX_VALIDITY_MS);
    if (expiresAt.getTime() <= now.getTime()) errors.push({ field: 'expiresAt', message: 'expiresAt must be in the future' });
    if (expiresAt.getTime() > now.getTime() + MAX_VALIDITY_MS + CLOCK_SKEW_MS) {
      errors.push({ field: 'expiresAt', message: 'expiresAt must be at most 90 days ahead' });
    }
    const capturedAt = input.evidence.capturedAt ? new Date(input.evidence.capturedAt) : now;
    if (capturedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) errors.push({ field: 'evidence.capturedAt', message: 'capturedAt must not be in the future' });
    if (errors.length > 0) throw new ValidationFailedError(errors);

    return this.consents.save(
      this.consents.create({
        id: newId('cns'),
        tenantId: principal.tenantId,
        mode: principal.mode,
        customerRef: subject.customerRef ?? null,
        idNumberHash: subject.idNumberHash ?? null,
        phoneHash: subject.phoneHash ?? null,
        purposes: [...input.purposes],
        status: 'authorised',
        expiresAt,
        evidence: { channel: input.evidence.channel, noticeVersion: input.evidence.noticeVersion, capturedAt: capturedAt.toISOString() },
        revokedAt: null,
      }),
    );
  }

  async get(owner: DataOwner, id: string): Promise<Consent> {
    const consent = await this.consents.findOneBy({ id, ...ownerFilter(owner) });
    if (!consent) throw new NotFoundError('consent', id);
    return consent;
  }

  list(owner: DataOwner, page: PaginationQueryDto, customerRef?: string): Promise<Page<Consent>> {
    const query = this.consents
      .createQueryBuilder('consent')
      .where(ownerFilter(owner));
    if (customerRef) query.andWhere('consent.customer_ref = :customerRef', { customerRef });
    return paginate(query, page);
  }

  /** Revoking is final and idempotent: a second revoke keeps the first time. */
  async revoke(owner: DataOwner, id: string): Promise<Consent> {
    await this.consents
      .createQueryBuilder()
      .update()
      .set({ status: 'revoked', revokedAt: () => 'now()' })
      .where({ id, ...ownerFilter(owner), status: Not('revoked') })
      .execute();
    return this.get(owner, id);
  }

  /**
   * The consent `consentId` of this tenant and mode, if it authorises `purpose` for the person
   * the request names, now; otherwise the 403 that says why.
   */
  async authorize(owner: DataOwner, consentId: string, purpose: ConsentPurpose, subject: SubjectKeys, now = new Date()): Promise<Consent> {
    const consent = await this.consents.findOneBy({ id: consentId, ...ownerFilter(owner) });
    const refusal = consentRefusal(consentId, consent, purpose, subject, now);
    if (refusal) throw refusal;
    return consent!;
  }

  /**
   * `authorize` inside the caller's transaction, under a share lock, so that a revoke committing
   * meanwhile waits for the transaction instead of racing it. Without `subject`, for a later
   * step of work the consent already authorised for its subject (a referral sent to a lender):
   * only whether it is still in force for `purpose`.
   */
  async authorizeLocked(manager: EntityManager, owner: DataOwner, consentId: string, purpose: ConsentPurpose, now = new Date(), subject?: SubjectKeys): Promise<Consent> {
    const consent = await manager.findOne(Consent, { where: { id: consentId, ...ownerFilter(owner) }, lock: { mode: 'pessimistic_read' } });
    const refusal = consentRefusal(consentId, consent, purpose, subject ?? consent ?? {}, now);
    if (refusal) throw refusal;
    return consent!;
  }

  /** Records that `resourceId` used the consent, inside the caller's transaction. */
  async recordUse(manager: EntityManager, consent: Consent, purpose: ConsentPurpose, resourceId: string, usedAt = new Date()): Promise<void> {
    await manager.insert(ConsentUse, { resourceId, consentId: consent.id, tenantId: consent.tenantId, purpose, usedAt });
  }

  /** Validates and hashes the identifiers of a subject; problems go to `errors`. */
  subjectKeys(subject: ConsentSubjectDto, now: Date, errors: FieldError[], prefix = 'subject'): SubjectKeys {
    const keys: SubjectKeys = {};
    if (subject.idNumber !== undefined) {
      if (validateResidentId(subject.idNumber, chinaDate(now)).valid) keys.idNumberHash = this.hasher.idNumber(subject.idNumber);
      else errors.push({ field: `${prefix}.idNumber`, message: 'idNumber is not a valid PRC resident ID number' });
    }
    if (subject.phone !== undefined) {
      if (validateMobile(subject.phone).valid) keys.phoneHash = this.hasher.phone(subject.phone);
      else errors.push({ field: `${prefix}.phone`, message: 'phone is not a valid mainland mobile number' });
    }
    if (subject.customerRef !== undefined) keys.customerRef = subject.customerRef;
    if (subject.idNumber === undefined && subject.phone === undefined && subject.customerRef === undefined) {
      errors.push({ field: prefix, message: `${prefix} must name the person by idNumber, phone or customerRef` });
    }
    return keys;
  }
}

/** The fields of a consent that decide whether it authorises a use. */
export type ConsentTerms = Pick<Consent, 'id' | 'status' | 'expiresAt' | 'purposes' | 'idNumberHash' | 'phoneHash' | 'customerRef'>;

/**
 * Why `consent` does not authorise `purpose` for `subject` now (the 403 to answer), or
 * undefined when it does. The one statement of the consent rules; `scoreConsentSql` mirrors it.
 */
export function consentRefusal(
  consentId: string,
  consent: ConsentTerms | null | undefined,
  purpose: ConsentPurpose,
  subject: SubjectKeys,
  now: Date,
): DomainError | undefined {
  if (!consent) return new ConsentRequiredError(`No consent ${consentId} exists for this account in this mode (live and test keys each see only their own consents).`);
  if (consent.status === 'revoked') return new ConsentRevokedError(consent.id);
  if (consent.expiresAt.getTime() <= now.getTime()) return new ConsentExpiredError(consent.id);
  if (!consent.purposes.includes(purpose)) return new ConsentRequiredError(`Consent ${consent.id} does not cover the purpose ${purpose}.`);
  if (!consentCovers(consent, subject)) return new ConsentSubjectMismatchError(consent.id);
  return undefined;
}
