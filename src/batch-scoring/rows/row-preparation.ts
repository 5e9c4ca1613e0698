import type { FieldError } from '../../common/errors/domain-error.js';
import { parseMoney } from '../../common/money.js';
import { validateMobile } from '../../identity/domain/mobile.js';
import { containsPersonalIdentifier } from '../../identity/domain/personal-identifiers.js';
import { keyedHash } from '../../identity/domain/pii-hash.js';
import { validateResidentId } from '../../identity/domain/resident-id.js';
import { encodeFacts } from './facts-codec.js';
import type { BatchProduct } from './row-fields.js';
import { checkRequired, type RowDraft, RowFieldError } from './row-validation.js';

/** What is staged for one input row: never the ID or phone number, only what scoring needs. */
export interface PreparedRow {
  externalRef: string | null;
  /** Keyed hash of the ID number (the audit link to the person, as in score decisions). */
  idNumberHash: string | null;
  /** `ApplicationFacts` in the staged encoding (facts-codec): identity validity and age derived here, sections as sent. */
  facts: string | null;
  error: FieldError | null;
}

/**
 * Turns a checked draft into the staged row: validates the ID and phone numbers exactly as
 * `POST /v1/scores` does, derives identity validity and age (on the upload's day in China),
 * hashes the ID number with the deployment's PII key, and drops every raw identifier. The
 * phone number is checked but nothing of it is kept: a portfolio review has no use for it.
 */
export class RowPreparer {
  constructor(
    /** PII_HASH_SECRET as bytes (the same key as PiiHasher; a spec holds the hashes equal). */
    private readonly piiSecret: Uint8Array,
    /** Today in China, `YYYY-MM-DD`. */
    private readonly today: string,
  ) {}

  prepare(draft: RowDraft): PreparedRow {
    // A reference holding an ID or phone number is refused below, and not kept beside the error.
    const externalRef = typeof draft.externalRef === 'string' && !containsPersonalIdentifier(draft.externalRef) ? draft.externalRef : null;
    try {
      checkRequired(draft);
      const applicant = draft.applicant!;
      const id = validateResidentId(applicant.idNumber as string, this.today);
      if (!id.wellFormed) throw new RowFieldError('applicant.idNumber', 'idNumber must be 17 digits followed by a digit or X');
      if (applicant.phone != null && !validateMobile(applicant.phone as string).wellFormed) {
        throw new RowFieldError('applicant.phone', 'phone is not a mobile number');
      }
      const product = draft.product as BatchProduct;
      if (product === 'merchant' && !draft.cashFlow) throw new RowFieldError('cashFlow', 'cashFlow is required for product merchant');

      const facts = encodeFacts({
        product,
        identityValid: id.valid,
        age: id.age ?? null,
        amountMinor: draft.application ? parseMoney(draft.application.amount as string) : null,
        bureau: draft.bureau,
        behaviour: draft.behaviour,
        identity: draft.identity,
        cashFlow: draft.cashFlow,
        signals: draft.signals,
      });
      return { externalRef, idNumberHash: keyedHash('id_number', id.normalized!, this.piiSecret), facts, error: null };
    } catch (err) {
      if (err instanceof RowFieldError) return rejectedRow(externalRef, err.toFieldError());
      throw err;
    }
  }
}

export function rejectedRow(externalRef: string | null, error: FieldError): PreparedRow {
  return { externalRef, idNumberHash: null, facts: null, error };
}
