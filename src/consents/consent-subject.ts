/** How a consent or a request names a person: keyed hashes and/or the partner's reference. */
export interface SubjectKeys {
  idNumberHash?: string | null;
  phoneHash?: string | null;
  customerRef?: string | null;
}

const KEYS = ['idNumberHash', 'phoneHash', 'customerRef'] as const;

/**
 * A consent covers a request when every identifier both of them name is the same, and at
 * least one is named by both: a consent for one ID number never authorises a score of another.
 */
export function consentCovers(consent: SubjectKeys, request: SubjectKeys): boolean {
  let matched = false;
  for (const key of KEYS) {
    const named = consent[key];
    const asked = request[key];
    if (named && asked) {
      if (named !== asked) return false;
      matched = true;
    }
  }
  return matched;
}
