/**
 * Protected attributes: never a characteristic, so they never produce points or a reason.
 *
 * Covered: age as such (and anything derived from the birth date: age band, birth year),
 * sex / gender, marital status, ethnicity / race, region of origin (hukou, native place,
 * birthplace, nationality, foreign-worker status), religion.
 *
 * Names are compared after normalisation: the last dotted segment is taken
 * (`applicant.age` → `age`), camelCase / snake_case / kebab-case are split into lower-case
 * tokens. A name is protected when
 *  - its token string equals one of `PROTECTED_NAMES` (e.g. `age`, `age_years`, `ageBand`,
 *    `personal_status_sex`, `foreign_worker`, `region_of_origin`), or
 *  - it starts with the token `age` / `birth` / `dob` (`age_band`, `birthYear`), or
 *  - any token is an unambiguous protected word (`sex`, `gender`, `marital`, `ethnicity`, …).
 * `accountAgeMonths` is not protected (its first token is `account`): the age of an account
 * is not the age of a person.
 */

const PROTECTED_NAMES = [
  'age',
  'age years',
  'age band',
  'age group',
  'age bucket',
  'applicant age',
  'customer age',
  'date of birth',
  'birth date',
  'birthday',
  'birth year',
  'year of birth',
  'personal status',
  'personal status sex',
  'foreign worker',
  'region of origin',
  'place of origin',
  'native place',
  'id region',
  'id number region',
  'national origin',
  'country of origin',
] as const;

const PROTECTED_TOKENS = new Set([
  'sex',
  'gender',
  'marital',
  'married',
  'ethnicity',
  'ethnic',
  'race',
  'racial',
  'religion',
  'religious',
  'nationality',
  'hukou',
  'birthplace',
  'nativeplace',
  'minzu',
]);

const PROTECTED_FIRST_TOKENS = new Set(['age', 'birth', 'dob']);

/** Human-readable list of the protected attribute families (for model metadata and docs). */
export const PROTECTED_ATTRIBUTES: readonly string[] = Object.freeze([
  'age',
  'sex',
  'marital_status',
  'ethnicity',
  'region_of_origin',
  'nationality',
  'religion',
]);

export function attributeTokens(name: string): string[] {
  const last = name.split('.').pop() ?? name;
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

const protectedNameSet = new Set<string>(PROTECTED_NAMES);

/**
 * True when `name` is a protected attribute, or matches (after the same normalisation) one of
 * `additional` (a model's own `excludedAttributes`, or a training `--exclude` list).
 */
export function isProtectedAttribute(name: string, additional: readonly string[] = []): boolean {
  const tokens = attributeTokens(name);
  if (tokens.length === 0) return false;
  const joined = tokens.join(' ');
  if (protectedNameSet.has(joined)) return true;
  if (PROTECTED_FIRST_TOKENS.has(tokens[0])) return true;
  if (tokens.some((t) => PROTECTED_TOKENS.has(t))) return true;
  for (const extra of additional) {
    if (attributeTokens(extra).join(' ') === joined) return true;
  }
  return false;
}
