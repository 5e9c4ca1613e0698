import type { ConsentDto } from './dto/consent.dto.js';
import type { Consent } from './consent.entity.js';

export function consentStatus(consent: Consent, now = new Date()): ConsentDto['status'] {
  if (consent.status === 'revoked') return 'revoked';
  return consent.expiresAt.getTime() <= now.getTime() ? 'expired' : 'authorised';
}

export function presentConsent(consent: Consent): ConsentDto {
  return {
    id: consent.id,
    status: consentStatus(consent),
    subject: { customerRef: consent.customerRef, idNumberProvided: consent.idNumberHash !== null, phoneProvided: consent.phoneHash !== null },
    purposes: consent.purposes,
    expiresAt: consent.expiresAt.toISOString(),
    evidence: consent.evidence,
    createdAt: consent.createdAt.toISOString(),
    revokedAt: consent.revokedAt ? consent.revokedAt.toISOString() : null,
  };
}
