/**
 * The fields of a batch row: the `POST /v1/scores` body without `consentId`, plus
 * `externalRef`. One table drives both formats: CSV columns are these dotted paths, NDJSON
 * lines are the nested objects. The constraints mirror `ScoreRequestDto` (a parity test holds
 * the two together); a hand-written check is used because class-validator costs tens of
 * microseconds a row, which a million-row upload cannot afford.
 */

export const ROW_SECTIONS = ['applicant', 'application', 'bureau', 'behaviour', 'identity', 'cashFlow', 'signals'] as const;
export type RowSection = (typeof ROW_SECTIONS)[number];

export type FieldKind =
  /** A string up to `maxLength`. */
  | 'text'
  /** A decimal string with exactly two fraction digits ("6000.00"). */
  | 'money'
  /** A list of money strings (`;`-separated in CSV). */
  | 'moneyList'
  | 'int'
  /** A finite number with at most 6 decimal places. */
  | 'number'
  | 'boolean'
  /** A lower-case code such as `consumer_goods`. */
  | 'code'
  | 'ip'
  /** One of `values`. */
  | 'enum';

export interface FieldSpec {
  /** Dotted path: the CSV column and the NDJSON location. */
  readonly path: string;
  readonly section: RowSection | null;
  readonly name: string;
  readonly kind: FieldKind;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly values?: readonly string[];
  /** Required whenever its section is present (top-level: always). */
  readonly required?: boolean;
}

const field = (path: string, kind: FieldKind, extra: Omit<FieldSpec, 'path' | 'section' | 'name' | 'kind'> = {}): FieldSpec => {
  const dot = path.indexOf('.');
  return {
    path,
    section: dot < 0 ? null : (path.slice(0, dot) as RowSection),
    name: dot < 0 ? path : path.slice(dot + 1),
    kind,
    ...extra,
  };
};

export const PRODUCTS = ['consumer', 'merchant'] as const;
export type BatchProduct = (typeof PRODUCTS)[number];

export const EXTERNAL_REF_MAX_LENGTH = 128;

export const ROW_FIELDS: readonly FieldSpec[] = [
  field('externalRef', 'text', { maxLength: EXTERNAL_REF_MAX_LENGTH }),
  field('product', 'enum', { values: PRODUCTS, required: true }),
  field('applicant.idNumber', 'text', { maxLength: 32, required: true }),
  field('applicant.phone', 'text', { maxLength: 20 }),
  field('applicant.name', 'text', { maxLength: 64 }),
  field('applicant.deviceId', 'text', { maxLength: 128 }),
  field('applicant.ip', 'ip'),
  field('application.amount', 'money', { required: true }),
  field('application.currency', 'enum', { values: ['CNY'], required: true }),
  field('application.termMonths', 'int', { min: 1, max: 60, required: true }),
  field('application.purpose', 'code'),
  field('bureau.revolvingUtilization', 'number', { min: 0, max: 1_000_000 }),
  field('bureau.pastDue30to59', 'int', { min: 0, max: 99 }),
  field('bureau.pastDue60to89', 'int', { min: 0, max: 99 }),
  field('bureau.pastDue90Plus', 'int', { min: 0, max: 99 }),
  field('bureau.debtRatio', 'number', { min: 0, max: 1_000_000 }),
  field('bureau.monthlyIncome', 'money'),
  field('bureau.openCreditLines', 'int', { min: 0, max: 500 }),
  field('bureau.realEstateLoans', 'int', { min: 0, max: 100 }),
  field('bureau.dependents', 'int', { min: 0, max: 50 }),
  field('behaviour.accountAgeMonths', 'int', { min: 0, max: 1200 }),
  field('behaviour.orders12m', 'int', { min: 0, max: 1_000_000 }),
  field('behaviour.spend12m', 'money'),
  field('behaviour.returnRate', 'number', { min: 0, max: 1 }),
  field('behaviour.onTimeInstallments', 'int', { min: 0, max: 100_000 }),
  field('behaviour.lateInstallments', 'int', { min: 0, max: 100_000 }),
  field('identity.verified', 'boolean'),
  field('identity.livenessPassed', 'boolean'),
  field('identity.phoneTenureMonths', 'int', { min: 0, max: 1200 }),
  field('cashFlow.monthlyRevenue', 'moneyList', { minItems: 1, maxItems: 36, required: true }),
  field('cashFlow.monthsTrading', 'int', { min: 0, max: 1200 }),
  field('cashFlow.sector', 'code'),
  field('signals.deviceRooted', 'boolean'),
  field('signals.emulator', 'boolean'),
  field('signals.proxyOrVpn', 'boolean'),
  field('signals.accountTakeoverSuspected', 'boolean'),
];

export const FIELDS_BY_PATH: ReadonlyMap<string, FieldSpec> = new Map(ROW_FIELDS.map((f) => [f.path, f]));

/** Fields of each section (for NDJSON objects), by name. */
export const FIELDS_BY_SECTION: ReadonlyMap<RowSection, ReadonlyMap<string, FieldSpec>> = new Map(
  ROW_SECTIONS.map((s) => [s, new Map(ROW_FIELDS.filter((f) => f.section === s).map((f) => [f.name, f]))]),
);

/** Top-level scalar fields (product, externalRef), by name. */
export const TOP_LEVEL_FIELDS: ReadonlyMap<string, FieldSpec> = new Map(ROW_FIELDS.filter((f) => f.section === null).map((f) => [f.name, f]));

/** Columns a CSV upload must have: without them every row would fail. */
export const REQUIRED_COLUMNS = ['product', 'applicant.idNumber'] as const;
