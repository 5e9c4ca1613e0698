import { residentIdCheckCharacter } from './resident-id.js';

// Digit runs standing alone (no digit either side): an 18-character resident ID (17 digits and
// a check character), and a mainland mobile number (optionally after 86 or +86).
const RESIDENT_ID_RUN = /(?<!\d)\d{17}[\dXx](?!\d)/g;
const MOBILE_RUN = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g;
const HAS_MOBILE = new RegExp(MOBILE_RUN.source);
/** Both need 11 digits in a row: text without such a run (nearly all of it) is let through at once. */
const LONG_DIGIT_RUN = /\d{11}/;

/** What a refused reference is told (after its field name). */
export const NOT_PERSONAL_MESSAGE = 'must be your own reference, not an ID or phone number (those are only ever stored as keyed hashes)';

const isResidentId = (run: string) => residentIdCheckCharacter(run.slice(0, 17)) === run[17].toUpperCase();

/**
 * Whether free text (a partner's reference, a URL path) holds a resident ID number (with a
 * valid check character) or a mobile number. Those are only ever kept as keyed hashes, so a
 * reference made of one would store the very thing the hashes protect.
 */
export function containsPersonalIdentifier(text: string): boolean {
  if (!LONG_DIGIT_RUN.test(text)) return false;
  if (HAS_MOBILE.test(text)) return true;
  return (text.match(RESIDENT_ID_RUN) ?? []).some(isResidentId);
}

/** `text` with every resident ID number and mobile number replaced by `[redacted]` (for logs and error texts). */
export function redactPersonalIdentifiers(text: string): string {
  if (!LONG_DIGIT_RUN.test(text)) return text;
  return text.replace(RESIDENT_ID_RUN, (run) => (isResidentId(run) ? '[redacted]' : run)).replace(MOBILE_RUN, '[redacted]');
}
