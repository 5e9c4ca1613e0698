import type { ApplicationFacts } from '../../scoring/application-decision.js';
import { FIELDS_BY_SECTION, type FieldSpec, type RowSection } from './row-fields.js';

/**
 * The staged form of a row's `ApplicationFacts`: positional text instead of JSON, about a
 * sixth of the size. Every staged row is written by the api, stored, and read back by a
 * worker, so its size is paid three times (encode, PostgreSQL, decode) a million times.
 *
 *   product | identityValid | age | amountMinor | bureau | behaviour | identity | cashFlow | signals
 *
 * A section is empty when absent, otherwise `+` then its fields in `row-fields` order,
 * comma-separated (empty = absent or null; booleans 1/0; lists `;`-joined). Values are
 * validated before they get here (numbers, money strings, lower-case codes), so none holds a
 * separator, and a JavaScript number survives the text round trip exactly.
 *
 * A section that was sent, even with null fields only, decodes as a non-empty object, as the
 * scores API sees it (`{ "bureau": { "debtRatio": null } }` selects the bureau card there too).
 */

const CODED_SECTIONS = ['bureau', 'behaviour', 'identity', 'cashFlow', 'signals'] as const satisfies readonly RowSection[];
type CodedSection = (typeof CODED_SECTIONS)[number];

const SECTION_FIELDS: Record<CodedSection, readonly FieldSpec[]> = Object.fromEntries(
  CODED_SECTIONS.map((s) => [s, [...FIELDS_BY_SECTION.get(s)!.values()]]),
) as unknown as Record<CodedSection, readonly FieldSpec[]>;

function encodeValue(spec: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (spec.kind === 'boolean') return value ? '1' : '0';
  if (spec.kind === 'moneyList') return (value as string[]).join(';');
  return typeof value === 'number' ? String(value) : (value as string);
}

function decodeValue(spec: FieldSpec, text: string): unknown {
  switch (spec.kind) {
    case 'boolean':
      return text === '1';
    case 'int':
    case 'number':
      return Number(text);
    case 'moneyList':
      return text.split(';');
    case 'money':
    case 'code':
    case 'enum':
    case 'text':
    case 'ip':
      return text;
  }
}

function encodeSection(section: CodedSection, values: Record<string, unknown> | undefined): string {
  if (!values || Object.keys(values).length === 0) return '';
  let out = '+';
  const fields = SECTION_FIELDS[section];
  for (let i = 0; i < fields.length; i++) out += (i === 0 ? '' : ',') + encodeValue(fields[i], values[fields[i].name]);
  return out;
}

function decodeSection(section: CodedSection, text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  const fields = SECTION_FIELDS[section];
  const cells = text.slice(1).split(',');
  const values: Record<string, unknown> = {};
  let any = false;
  for (let i = 0; i < fields.length; i++) {
    const cell = cells[i];
    if (cell === undefined || cell === '') continue;
    values[fields[i].name] = decodeValue(fields[i], cell);
    any = true;
  }
  // Sent with nulls only: keep it present (see above).
  if (!any) values[fields[0].name] = null;
  return values;
}

export interface StagedFacts {
  product: 'consumer' | 'merchant';
  identityValid: boolean;
  age: number | null;
  amountMinor: number | null;
  bureau?: Record<string, unknown>;
  behaviour?: Record<string, unknown>;
  identity?: Record<string, unknown>;
  cashFlow?: Record<string, unknown>;
  signals?: Record<string, unknown>;
}

export function encodeFacts(f: StagedFacts): string {
  return [
    f.product === 'merchant' ? 'm' : 'c',
    f.identityValid ? '1' : '0',
    f.age === null ? '' : String(f.age),
    f.amountMinor === null ? '' : String(f.amountMinor),
    encodeSection('bureau', f.bureau),
    encodeSection('behaviour', f.behaviour),
    encodeSection('identity', f.identity),
    encodeSection('cashFlow', f.cashFlow),
    encodeSection('signals', f.signals),
  ].join('|');
}

export function decodeFacts(text: string): ApplicationFacts {
  const p = text.split('|');
  const facts: ApplicationFacts = {
    product: p[0] === 'm' ? 'merchant' : 'consumer',
    identityValid: p[1] === '1',
    age: p[2] ? Number(p[2]) : null,
    amountMinor: p[3] ? Number(p[3]) : null,
    partnerSignals: (decodeSection('signals', p[8]) ?? {}),
  };
  // Decoded values have the types their fields were validated as.
  const bureau = decodeSection('bureau', p[4]);
  if (bureau) facts.bureau = bureau;
  const behaviour = decodeSection('behaviour', p[5]);
  if (behaviour) facts.behaviour = behaviour;
  const identity = decodeSection('identity', p[6]);
  if (identity) facts.identity = identity;
  const cashFlow = decodeSection('cashFlow', p[7]);
  if (cashFlow) facts.cashFlow = cashFlow as unknown as ApplicationFacts['cashFlow'];
  return facts;
}
