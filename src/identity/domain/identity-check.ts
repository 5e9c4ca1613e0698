import { validateMobile, type MobileReason } from './mobile.js';
import { validatePersonName, type NameReason } from './person-name.js';
import type { Region } from './regions.js';
import { validateResidentId, type ResidentIdReason } from './resident-id.js';

/**
 * Per-field identity check (POST /v1/identity-checks). The results carry validity, a stable
 * reason code and derived facts only, never the raw or normalised identifiers, so they can be
 * returned, logged and stored as they are.
 */
export interface IdentityCheckInput {
  idNumber?: string;
  phone?: string;
  name?: string;
}

export interface IdNumberResult {
  valid: boolean;
  reason?: ResidentIdReason;
  birthDate?: string;
  age?: number;
  region?: Region;
}

export interface FieldResult<R extends string> {
  valid: boolean;
  reason?: R;
}

export interface IdentityCheckResult {
  /** Every supplied field is valid (and at least one was supplied). */
  valid: boolean;
  /**
   * Every supplied field is well-formed. When false the request is malformed (HTTP 400);
   * otherwise invalid fields are reported in a 200.
   */
  wellFormed: boolean;
  /** Dotted names of the fields that are not well-formed. */
  malformedFields: string[];
  idNumber?: IdNumberResult;
  phone?: FieldResult<MobileReason>;
  name?: FieldResult<NameReason>;
}

/** @param today the current date in China, `YYYY-MM-DD` (see chinaDate()) */
export function checkIdentity(input: IdentityCheckInput, today: string): IdentityCheckResult {
  const malformedFields: string[] = [];
  const result: IdentityCheckResult = { valid: false, wellFormed: true, malformedFields };
  let supplied = 0;
  let allValid = true;
  if (input.idNumber !== undefined) {
    supplied++;
    const r = validateResidentId(input.idNumber, today);
    if (!r.wellFormed) malformedFields.push('idNumber');
    allValid &&= r.valid;
    result.idNumber = {
      valid: r.valid,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.birthDate !== undefined ? { birthDate: r.birthDate, age: r.age } : {}),
      ...(r.region ? { region: r.region } : {}),
    };
  }
  if (input.phone !== undefined) {
    supplied++;
    const r = validateMobile(input.phone);
    if (!r.wellFormed) malformedFields.push('phone');
    allValid &&= r.valid;
    result.phone = { valid: r.valid, ...(r.reason ? { reason: r.reason } : {}) };
  }
  if (input.name !== undefined) {
    supplied++;
    const r = validatePersonName(input.name);
    allValid &&= r.valid;
    result.name = { valid: r.valid, ...(r.reason ? { reason: r.reason } : {}) };
  }
  result.valid = supplied > 0 && allValid;
  result.wellFormed = malformedFields.length === 0;
  return result;
}
