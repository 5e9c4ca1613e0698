import fc from 'fast-check';
import { ValidationFailedError } from '../../common/errors/domain-error.js';
import { createValidationPipe } from '../../common/validation/validation-pipe.js';
import { validateMobile } from '../../identity/domain/mobile.js';
import { containsPersonalIdentifier } from '../../identity/domain/personal-identifiers.js';
import { validateResidentId, residentIdCheckCharacter } from '../../identity/domain/resident-id.js';
import { ScoreRequestDto } from '../../scoring/dto/score-request.dto.js';
import { RowPreparer } from './row-preparation.js';
import { draftFromObject, RowFieldError } from './row-validation.js';

const TODAY = '2026-11-29';
const preparer = new RowPreparer(Buffer.from('s'.repeat(40)), TODAY);
const pipe = createValidationPipe();

/**
 * Does `POST /v1/scores` accept this body (its DTO validation, then the service's own checks)?
 * `externalRef` is the batch's own field: a string of at most 128 characters, no control characters,
 * and not holding an ID or phone number.
 */
async function scoresAccepts({ externalRef, ...body }: Record<string, unknown>): Promise<boolean> {
  // eslint-disable-next-line no-control-regex
  if (externalRef !== undefined && (typeof externalRef !== 'string' || externalRef.length > 128 || /[\u0000-\u001f\u007f]/.test(externalRef))) return false;
  if (typeof externalRef === 'string' && containsPersonalIdentifier(externalRef)) return false;
  let dto: ScoreRequestDto;
  try {
    dto = (await pipe.transform({ ...body, consentId: 'cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E' }, { type: 'body', metatype: ScoreRequestDto })) as ScoreRequestDto;
  } catch (err) {
    if (err instanceof ValidationFailedError) return false;
    throw err;
  }
  if (!validateResidentId(dto.applicant.idNumber, TODAY).wellFormed) return false;
  if (dto.applicant.phone !== undefined && !validateMobile(dto.applicant.phone).wellFormed) return false;
  if (dto.product === 'merchant' && !dto.cashFlow) return false;
  return true;
}

function batchAccepts(body: Record<string, unknown>): boolean {
  try {
    return preparer.prepare(draftFromObject(body)).error === null;
  } catch (err) {
    if (err instanceof RowFieldError) return false;
    throw err;
  }
}

const body17 = '11010519900307123';
const validId = body17 + residentIdCheckCharacter(body17);

/** A value for a field: usually plausible, sometimes wrong in one of the ways partners get it wrong. */
const anyOf = (...values: unknown[]) => fc.constantFrom(...values);
const optional = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary: valid }, { weight: 2, arbitrary: invalid }, { weight: 1, arbitrary: fc.constant(null) });
const int = (min: number, max: number) => optional(fc.integer({ min, max }), anyOf(min - 1, max + 1, 1.5, '3', true));
const num = (min: number, max: number) => optional(fc.integer({ min: min * 1000, max: max * 1000 }).map((n) => n / 1000), anyOf(min - 1, max + 1, 0.1234567, '0.3', false));
const money = optional(anyOf('0.00', '12000.00', '8000.50', '9999999999999.99'), anyOf('12', '12.0', '-1.00', 12000, '01.00'));
const bool = optional(fc.boolean(), anyOf('true', 1, 0));
const code = optional(anyOf('grocery', 'consumer_goods', 'a1'), anyOf('Grocery', '1abc', 'x'.repeat(41), 7));

const section = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 1, arbitrary: anyOf(null, [], 'x', { rogue: 1 }) },
  );

const bodyArb = fc
  .record(
    {
      product: optional(anyOf('consumer', 'merchant'), anyOf('car', '', 1)),
      externalRef: optional(fc.string({ maxLength: 20 }), anyOf(5, 'x'.repeat(129), validId, 'u-13800138000', '138-0013-8000')),
      applicant: fc.oneof(
        { weight: 9, arbitrary: fc.record({ idNumber: optional(anyOf(validId, validId.toLowerCase(), ` ${validId} `), anyOf('123', '', 42, 'X'.repeat(33))), phone: optional(anyOf('13800138000', '+86 138 0013 8000'), anyOf('555', 13800138000)), name: optional(anyOf('张三'), anyOf(7, 'x'.repeat(65))), deviceId: optional(anyOf('d-42'), anyOf(1)), ip: optional(anyOf('203.0.113.7', '2001:db8::1'), anyOf('999.1.1.1', 'nope')) }, { requiredKeys: [] }) },
        { weight: 1, arbitrary: anyOf(undefined, null, 'x', []) },
      ),
      application: section({ amount: money, currency: optional(anyOf('CNY'), anyOf('USD')), termMonths: int(1, 60), purpose: code }),
      bureau: section({ revolvingUtilization: num(0, 1_000_000), pastDue30to59: int(0, 99), pastDue90Plus: int(0, 99), debtRatio: num(0, 1_000_000), monthlyIncome: money, openCreditLines: int(0, 500), dependents: int(0, 50) }),
      behaviour: section({ accountAgeMonths: int(0, 1200), spend12m: money, returnRate: num(0, 1), lateInstallments: int(0, 100_000) }),
      identity: section({ verified: bool, livenessPassed: bool, phoneTenureMonths: int(0, 1200) }),
      cashFlow: section({ monthlyRevenue: optional(anyOf(['42000.00', '39000.00'], ['1.00']), anyOf([], ['1'], Array(37).fill('1.00'), 'x')), monthsTrading: int(0, 1200), sector: code }),
      signals: section({ deviceRooted: bool, emulator: bool, proxyOrVpn: bool }),
      rogue: fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('surprise') }),
    },
    { requiredKeys: ['applicant'] },
  )
  .map((b) => JSON.parse(JSON.stringify(b)) as Record<string, unknown>); // as it arrives: JSON, undefined keys gone

describe('batch row validation', () => {
  it('accepts exactly the rows POST /v1/scores accepts (property, against the real DTO and service checks)', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        expect({ body, accepted: batchAccepts(body) }).toEqual({ body, accepted: await scoresAccepts(body) });
      }),
      { numRuns: 1500 },
    );
  });

  it('names the first offending field by dotted path', () => {
    const rejected = (body: Record<string, unknown>) => preparer.prepare(draftFromObject(body)).error;
    expect(rejected({ product: 'consumer', applicant: { idNumber: '123' } })).toEqual({ field: 'applicant.idNumber', message: 'idNumber must be 17 digits followed by a digit or X' });
    expect(rejected({ product: 'merchant', applicant: { idNumber: validId } })).toEqual({ field: 'cashFlow', message: 'cashFlow is required for product merchant' });
    // Type errors surface while the draft is built (the encoder turns them into the row's error).
    expect(() => draftFromObject({ product: 'consumer', applicant: { idNumber: validId }, bureau: { debtRatio: 'high' } })).toThrow(
      expect.objectContaining({ field: 'bureau.debtRatio' }) as Error,
    );
    expect(() => draftFromObject({ product: 'consumer', applicant: { idNumber: validId }, consentId: 'cns_x' })).toThrow(expect.objectContaining({ field: 'consentId' }) as Error);
  });

  it('derives validity and age, hashes the ID number, and keeps neither raw number', () => {
    const row = preparer.prepare(draftFromObject({ externalRef: 'r1', product: 'consumer', applicant: { idNumber: validId, phone: '13800138000', name: '张三' } }));
    expect(row.error).toBeNull();
    expect(row.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(validId);
    expect(JSON.stringify(row)).not.toContain('13800138000');
    expect(JSON.stringify(row)).not.toContain('张三');
    expect(row.facts).toMatch(/^c\|1\|36\|/); // consumer, valid ID, 36 on 2026-11-29
  });
});
