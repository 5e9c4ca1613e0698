import { residentIdCheckCharacter } from './resident-id.js';

// Digit runs standing alone (no digit either side), written as people write them: digits
// optionally grouped by a space, dot or hyphen (`138-0013-8000`, `110105 19491231 002X`).
// An 18-character resident ID (17 digits and a check character), and a mainland mobile number,
// optionally after a country code (86, +86, 0086), as `normalizeMobile` accepts them.
const GAP = '[\\s.-]?';
const RESIDENT_ID_RUN = new RegExp(`(?<!\\d)\\d(?:${GAP}\\d){16}${GAP}[\\dXx](?!\\d)`, 'g');
const MOBILE_RUN = new RegExp(`(?<!\\d)(?:(?:\\+|00)?86${GAP})?1[3-9](?:${GAP}\\d){9}(?!\\d)`, 'g');
const HAS_MOBILE = new RegExp(MOBILE_RUN.source);
/** Both need 11 digits in a group: text without one (nearly all of it) is let through at once. */
const LONG_DIGIT_RUN = new RegExp(`\\d(?:${GAP}\\d){10}`);

/** What a refused reference is told (after its field name). */
export const NOT_PERSONAL_MESSAGE = 'must be your own reference, not an ID or phone number (those are only ever stored as keyed hashes)';

const isResidentId = (run: string) => {
  const compact = run.replace(/[\s.-]/g, '');
  return residentIdCheckCharacter(compact.slice(0, 17)) === compact[17].toUpperCase();
};

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
