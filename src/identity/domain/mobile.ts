/**
 * Mainland China mobile numbers: 11 digits, `1` then `3`–`9`, optionally written with the
 * country code (`+86`, `0086` or `86` in front of the 11 digits) and with spaces or hyphens
 * as separators (`+86 138-0013-8000`).
 */

export type MobileReason =
  /** Characters other than digits, spaces, hyphens and one leading `+`, or the wrong number of digits. */
  | 'malformed'
  /** 11 digits, but not `1[3-9]…`. */
  | 'invalid_prefix';

export interface MobileCheck {
  valid: boolean;
  wellFormed: boolean;
  reason?: MobileReason;
  /** The 11 national digits (when well-formed). */
  normalized?: string;
}

/** The 11 national digits, or null when the input cannot be a Chinese mobile number. */
export function normalizeMobile(input: string): string | null {
  const compact = input.trim().replace(/[\s-]+/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let digits = compact.startsWith('+') ? compact.slice(1) : compact;
  if (compact.startsWith('+') && !digits.startsWith('86')) return null;
  if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits.length === 11 ? digits : null;
}

export function validateMobile(input: string): MobileCheck {
  const normalized = normalizeMobile(input);
  if (normalized === null) return { valid: false, wellFormed: false, reason: 'malformed' };
  if (!/^1[3-9]\d{9}$/.test(normalized)) return { valid: false, wellFormed: true, reason: 'invalid_prefix', normalized };
  return { valid: true, wellFormed: true, normalized };
}
