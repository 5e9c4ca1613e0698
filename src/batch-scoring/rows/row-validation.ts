import { isIP } from 'node:net';
import type { FieldError } from '../../common/errors/domain-error.js';
import { MONEY_PATTERN } from '../../common/money.js';
import { containsPersonalIdentifier, NOT_PERSONAL_MESSAGE } from '../../identity/domain/personal-identifiers.js';
import { FIELDS_BY_SECTION, type FieldSpec, ROW_FIELDS, ROW_SECTIONS, type RowSection, TOP_LEVEL_FIELDS } from './row-fields.js';

/**
 * Field-level validation of one batch row, for both formats. A row is first turned into a
 * "draft" (the nested score-request shape with typed values): CSV cells are coerced from
 * text, NDJSON values are type-checked in place. The first problem found becomes the row's
 * error; the row is not scored and the job goes on.
 */

/** The nested score-request shape of one row, values already type-checked. */
export type RowDraft = { [key: string]: unknown } & { [S in RowSection]?: Record<string, unknown> };

/** Thrown inside row validation; caught per row and stored as the row's error. */
export class RowFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }

  toFieldError(): FieldError {
    return { field: this.field, message: this.message };
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const INT_TEXT = /^-?\d{1,16}$/;
const NUMBER_TEXT = /^-?\d{1,16}(\.\d{1,6})?$/;

function decimalPlaces(value: number): number {
  if (Number.isInteger(value)) return 0;
  const fraction = String(value).split('.')[1];
  return fraction ? fraction.length : Number.POSITIVE_INFINITY;
}

function rangeText(spec: FieldSpec): string {
  return `between ${spec.min} and ${spec.max}`;
}

/**
 * Checks a present, typed value against its spec; throws RowFieldError. `decimalsChecked`:
 * the value came from CSV text whose decimals were already counted (cheaper than from a number).
 */
export function checkValue(spec: FieldSpec, value: unknown, decimalsChecked = false): void {
  const fail = (message: string): never => {
    throw new RowFieldError(spec.path, `${spec.name} ${message}`);
  };
  switch (spec.kind) {
    case 'text':
      if (typeof value !== 'string') fail('must be a string');
      if (spec.path === 'applicant.idNumber' && (value as string).length === 0) fail('should not be empty');
      if ((value as string).length > (spec.maxLength ?? Infinity)) fail(`must be at most ${spec.maxLength} characters`);
      // Stored and echoed in results: no control characters (PostgreSQL text refuses NUL).
      if (spec.path === 'externalRef' && CONTROL_CHARS.test(value as string)) fail('must not contain control characters');
      if (spec.path === 'externalRef' && containsPersonalIdentifier(value as string)) fail(NOT_PERSONAL_MESSAGE);
      return;
    case 'money':
      if (typeof value !== 'string' || !MONEY_PATTERN.test(value)) fail('must be a decimal string with exactly 2 fraction digits, e.g. "6000.00"');
      return;
    case 'moneyList': {
      if (!Array.isArray(value)) fail('must be an array of money strings');
      const list = value as unknown[];
      if (list.length < (spec.minItems ?? 0) || list.length > (spec.maxItems ?? Infinity)) fail(`must have ${spec.minItems} to ${spec.maxItems} items`);
      for (const item of list) if (typeof item !== 'string' || !MONEY_PATTERN.test(item)) fail('must hold decimal strings with exactly 2 fraction digits, e.g. "6000.00"');
      return;
    }
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('must be an integer number');
      if ((value as number) < spec.min! || (value as number) > spec.max!) fail(`must be ${rangeText(spec)}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (!decimalsChecked && decimalPlaces(value) > 6)) fail('must be a number with at most 6 decimal places');
      if ((value as number) < spec.min! || (value as number) > spec.max!) fail(`must be ${rangeText(spec)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be a boolean value');
      return;
    case 'code':
      if (typeof value !== 'string' || !CODE_PATTERN.test(value)) fail('must be a lower-case code such as consumer_goods');
      return;
    case 'ip':
      if (typeof value !== 'string' || isIP(value) === 0) fail('must be an ip address');
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values!.includes(value)) fail(`must be one of the following values: ${spec.values!.join(', ')}`);
      return;
  }
}

/** A CSV cell (non-empty) → the typed value its field expects; throws RowFieldError. */
export function coerceCell(spec: FieldSpec, text: string): unknown {
  switch (spec.kind) {
    case 'int':
      if (!INT_TEXT.test(text)) throw new RowFieldError(spec.path, `${spec.name} must be an integer number`);
      return Number(text);
    case 'number':
      if (!NUMBER_TEXT.test(text)) throw new RowFieldError(spec.path, `${spec.name} must be a number with at most 6 decimal places`);
      return Number(text);
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new RowFieldError(spec.path, `${spec.name} must be true or false`);
    case 'moneyList':
      return text.split(';');
    case 'text':
    case 'money':
    case 'code':
    case 'ip':
    case 'enum':
      return text;
  }
}

/**
 * One CSV record → draft. `columns[i]` is the spec of cell i (the header was checked once);
 * empty cells are absent values.
 */
export function draftFromCells(columns: readonly FieldSpec[], cells: readonly string[]): RowDraft {
  if (cells.length !== columns.length) throw new RowFieldError('row', `expected ${columns.length} cells as in the header, found ${cells.length}`);
  const draft: RowDraft = {};
  for (let i = 0; i < columns.length; i++) {
    const text = cells[i];
    if (text === '') continue;
    const spec = columns[i];
    const value = coerceCell(spec, text);
    checkValue(spec, value, true);
    if (spec.section === null) draft[spec.name] = value;
    else (draft[spec.section] ??= {})[spec.name] = value;
  }
  return draft;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One parsed NDJSON line → draft, checking types and refusing unknown fields; throws RowFieldError. */
export function draftFromObject(value: unknown): RowDraft {
  if (!isPlainObject(value)) throw new RowFieldError('row', 'each line must be a JSON object');
  const draft: RowDraft = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    const top = TOP_LEVEL_FIELDS.get(key);
    if (top) {
      if (item === undefined) continue;
      // Like POST /v1/scores: a field may be left out, but not sent as null.
      if (item === null) throw new RowFieldError(key, `${key} must not be null`);
      checkValue(top, item);
      draft[key] = item;
      continue;
    }
    const fields = FIELDS_BY_SECTION.get(key as RowSection);
    if (!fields) {
      const hint = key === 'consentId' ? ': batch rows are covered by the job’s consentAttestation' : '';
      throw new RowFieldError(key, `property ${key} should not exist${hint}`);
    }
    if (item === undefined) continue;
    if (!isPlainObject(item)) throw new RowFieldError(key, `${key} must be an object`);
    const section: Record<string, unknown> = {};
    for (const name of Object.keys(item)) {
      const spec = fields.get(name);
      if (!spec) throw new RowFieldError(`${key}.${name}`, `property ${name} should not exist`);
      const fieldValue = item[name];
      if (fieldValue === undefined) continue;
      if (fieldValue === null) throw new RowFieldError(`${key}.${name}`, `${name} must not be null`);
      checkValue(spec, fieldValue);
      section[name] = fieldValue;
    }
    draft[key] = section;
  }
  return draft;
}

const REQUIRED_IN_SECTION = new Map<RowSection, FieldSpec[]>(
  ROW_SECTIONS.map((s) => [s, ROW_FIELDS.filter((f) => f.section === s && f.required)]),
);
const REQUIRED_TOP = ROW_FIELDS.filter((f) => f.section === null && f.required);

/** Required fields: top level always, a section's own only when the section is present. */
export function checkRequired(draft: RowDraft): void {
  for (const spec of REQUIRED_TOP) if (draft[spec.name] === undefined) checkValue(spec, undefined);
  if (!draft.applicant) throw new RowFieldError('applicant', 'applicant must be an object with idNumber');
  for (const section of ROW_SECTIONS) {
    const values = draft[section];
    if (!values) continue;
    for (const spec of REQUIRED_IN_SECTION.get(section)!) if (values[spec.name] == null) checkValue(spec, undefined);
  }
}
