import { ageOn, compareCivilDates, formatCivilDate, isRealDate, parseCivilDate, type CivilDate } from './civil-date.js';
import { provinceRegion, type Region } from './regions.js';

/**
 * PRC resident identity card number (GB 11643-1999), 18 characters:
 *
 *   RRRRRR YYYYMMDD SSS C
 *   region  birth    seq check
 *
 * C is the ISO 7064 MOD 11-2 check character over the first 17 digits: '0'–'9' or 'X' (= 10).
 * The sequence number's last digit encodes sex; it is deliberately not exposed (protected).
 */

/** Why a number is not valid (stable codes). */
export type ResidentIdReason =
  /** Not 17 digits followed by a digit or X (after trimming). */
  | 'malformed'
  /** The check character does not match. */
  | 'checksum_mismatch'
  /** The first two digits are not a known province-level region. */
  | 'unknown_region'
  /** The birth date is not a real calendar date, or is before 1900-01-01. */
  | 'invalid_birth_date'
  /** The birth date is after "today". */
  | 'birth_date_in_future';

export interface ResidentIdCheck {
  valid: boolean;
  /** 18 characters of the right alphabet: a 200 with per-field results, not a 400. */
  wellFormed: boolean;
  /** The first failing check (absent when valid). */
  reason?: ResidentIdReason;
  /** Every failing check, in the order checksum, region, birth date. */
  reasons: ResidentIdReason[];
  /** Trimmed, upper-case X (when well-formed). */
  normalized?: string;
  /** `YYYY-MM-DD`, when the embedded date is real and not in the future. */
  birthDate?: string;
  /** Completed years on "today", when birthDate is set. */
  age?: number;
  /** The issuing province-level region, when known. */
  region?: Region;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const WELL_FORMED = /^\d{17}[\dX]$/;
/** Earliest birth date accepted as real for a living applicant. */
export const EARLIEST_BIRTH_DATE: CivilDate = Object.freeze({ year: 1900, month: 1, day: 1 });

/** The MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckCharacter(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('the body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Trim and upper-case the check character: the form that is validated and hashed. */
export function normalizeResidentId(input: string): string {
  return input.trim().toUpperCase();
}

/**
 * Validates a resident ID number.
 *
 * @param today the current date in China (`YYYY-MM-DD`, see chinaDate()); birth dates after it
 *              are rejected and the age is computed on it
 */
export function validateResidentId(input: string, today: string): ResidentIdCheck {
  const on = parseCivilDate(today);
  const normalized = normalizeResidentId(input);
  if (!WELL_FORMED.test(normalized)) return { valid: false, wellFormed: false, reason: 'malformed', reasons: ['malformed'] };

  const reasons: ResidentIdReason[] = [];
  if (residentIdCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) reasons.push('checksum_mismatch');
  const region = provinceRegion(normalized.slice(0, 2));
  if (!region) reasons.push('unknown_region');
  const birth: CivilDate = { year: Number(normalized.slice(6, 10)), month: Number(normalized.slice(10, 12)), day: Number(normalized.slice(12, 14)) };
  let birthDate: string | undefined;
  let age: number | undefined;
  if (!isRealDate(birth) || compareCivilDates(birth, EARLIEST_BIRTH_DATE) < 0) reasons.push('invalid_birth_date');
  else if (compareCivilDates(birth, on) > 0) reasons.push('birth_date_in_future');
  else {
    birthDate = formatCivilDate(birth);
    age = ageOn(birth, on);
  }
  return {
    valid: reasons.length === 0,
    wellFormed: true,
    ...(reasons.length > 0 ? { reason: reasons[0] } : {}),
    reasons,
    normalized,
    ...(birthDate !== undefined ? { birthDate, age } : {}),
    ...(region ? { region } : {}),
  };
}
