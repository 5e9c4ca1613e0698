/**
 * Applicant names: Chinese names of 2–20 Han characters, optionally with the middle dot used
 * in transliterated names (`阿依古丽·买买提`), or Latin names of letters, spaces, apostrophes,
 * dots and hyphens (2–64 characters). Surrounding whitespace is ignored.
 */

export type NameReason = 'malformed';

export interface NameCheck {
  valid: boolean;
  reason?: NameReason;
  normalized?: string;
}

const HAN_NAME = /^\p{Script=Han}(?:[\p{Script=Han}]|[·・•](?=\p{Script=Han})){1,19}$/u;
const LATIN_NAME = /^[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F'. -]){0,62}[A-Za-z\u00C0-\u024F.]$/u;

export function validatePersonName(input: string): NameCheck {
  const normalized = input.trim().replace(/\s+/g, ' ');
  if (HAN_NAME.test(normalized) || LATIN_NAME.test(normalized)) return { valid: true, normalized };
  return { valid: false, reason: 'malformed' };
}
