import { DomainError } from '../common/errors/domain-error.js';

export class ConsentRequiredError extends DomainError {
  constructor(detail: string) {
    super(403, 'consent_required', 'Consent required', detail);
  }
}

export class ConsentExpiredError extends DomainError {
  constructor(id: string) {
    super(403, 'consent_expired', 'Consent expired', `Consent ${id} has expired; capture a new one.`);
  }
}

export class ConsentRevokedError extends DomainError {
  constructor(id: string) {
    super(403, 'consent_revoked', 'Consent revoked', `Consent ${id} was revoked by the customer.`);
  }
}

export class ConsentSubjectMismatchError extends DomainError {
  constructor(id: string) {
    super(403, 'consent_subject_mismatch', 'Consent does not cover this person', `Consent ${id} names another person than this request.`);
  }
}
