import { createHmac } from 'node:crypto';
import { normalizeMobile } from './mobile.js';
import { normalizeResidentId } from './resident-id.js';

/**
 * Keyed hashes of personal identifiers: HMAC-SHA-256 under a server secret (`PII_HASH_SECRET`),
 * hex. The same person gets the same hash across partners (velocity, consent matching) while the
 * raw value is never stored; without the secret the hashes cannot be brute-forced from the small
 * space of ID and phone numbers.
 *
 * The message is `<kind>:<normalised value>` so that an ID number and a phone number can never
 * produce the same hash.
 */

export type PiiKind = 'id_number' | 'phone';

const MIN_SECRET_BYTES = 32;

export function keyedHash(kind: PiiKind, normalizedValue: string, secret: string | Uint8Array): string {
  const bytes = typeof secret === 'string' ? Buffer.byteLength(secret, 'utf8') : secret.byteLength;
  if (bytes < MIN_SECRET_BYTES) throw new RangeError(`the hashing secret must be at least ${MIN_SECRET_BYTES} bytes`);
  if (normalizedValue.length === 0) throw new RangeError('nothing to hash');
  return createHmac('sha256', secret).update(`${kind}:${normalizedValue}`, 'utf8').digest('hex');
}

/** Hash of a resident ID number after trimming and upper-casing the X. */
export function hashResidentId(idNumber: string, secret: string | Uint8Array): string {
  return keyedHash('id_number', normalizeResidentId(idNumber), secret);
}

/**
 * Hash of a mobile number after normalisation to its 11 national digits (`+86 138 0013 8000`
 * and `13800138000` hash alike). Input that is not a mobile number is hashed trimmed and
 * without spaces, so it still never appears in clear.
 */
export function hashMobile(phone: string, secret: string | Uint8Array): string {
  return keyedHash('phone', normalizeMobile(phone) ?? phone.trim().replace(/\s+/g, ''), secret);
}
