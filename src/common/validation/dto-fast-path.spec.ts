import { ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional as IsOptionalOrNull, IsString, Length, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { CreateConsentDto } from '../../consents/dto/consent.dto.js';
import { IdentityCheckRequestDto } from '../../identity/dto/identity-check.dto.js';
import { CreateQuoteDto } from '../../installments/dto/quote.dto.js';
import { ScoreRequestDto } from '../../scoring/dto/score-request.dto.js';
import { CreateTenantDto, UpdateTenantDto } from '../../tenants/dto/tenant.dto.js';
import { CreateApiKeyDto } from '../../api-keys/dto/api-key.dto.js';
import { PutCreditLineDto } from '../../installments/dto/credit-line.dto.js';
import { PutWebhookEndpointDto } from '../../webhooks/dto/webhook.dto.js';
import { type DtoClass, fastPathFor } from './dto-fast-path.js';
import { IsOptional } from './is-optional.js';
import { VALIDATION_PIPE_OPTIONS } from './validation-pipe.js';

// The libraries alone, with the gateway's options: what the fast path must agree with.
const library = new ValidationPipe(VALIDATION_PIPE_OPTIONS);

async function libraryResult(dto: DtoClass, body: unknown): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await library.transform(structuredClone(body), { type: 'body', metatype: dto as never }) };
  } catch {
    return { ok: false };
  }
}

// Classes that use what the gateway's DTOs do not (yet): each feature the plan models.
class BaseShape {
  @IsString() @MaxLength(3) code!: string;
  @IsOptional() @IsInt() level?: number;
}
class InnerShape {
  @IsDefined() @IsInt() @Min(0) n!: number;
}
class EdgeShape extends BaseShape {
  // Overrides the inherited rules of the same kind (class-validator keeps the child's only).
  @IsString() @MaxLength(8) declare code: string;
  @IsIn(['card', 'bank']) kind!: string;
  @ValidateIf((o: EdgeShape) => o.kind === 'card') @IsString() @Length(4, 4) last4?: string;
  @IsOptionalOrNull() @IsString() note?: string | null; // class-validator's own: null is let through
  @IsInt({ validateIf: (o: EdgeShape) => o.strict === true }) threshold?: unknown;
  @IsOptional() @IsBoolean() strict?: boolean;
  @IsOptional() @IsString({ each: true }) tags?: unknown;
  @IsOptional() @ValidateNested() @Type(() => InnerShape) inner?: InnerShape;
  @IsOptional() @IsInt() retries = 3; // a field initializer
}

const ID = '11010519491231002X';
const thinFile = {
  consentId: 'cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E',
  product: 'consumer',
  applicant: { idNumber: ID, phone: '13800138000', name: '张三', deviceId: 'd-42', ip: '203.0.113.7' },
  application: { amount: '8000.00', currency: 'CNY', termMonths: 12, purpose: 'consumer_goods' },
  behaviour: { accountAgeMonths: 36, orders12m: 48, spend12m: '24000.00', returnRate: 0.05, onTimeInstallments: 10, lateInstallments: 0 },
  identity: { verified: true, livenessPassed: true, phoneTenureMonths: 48 },
  signals: { deviceRooted: false, emulator: false },
};
const examples: [string, DtoClass, Record<string, unknown>][] = [
  ['thin-file score', ScoreRequestDto, thinFile],
  [
    'bureau score',
    ScoreRequestDto,
    {
      consentId: thinFile.consentId,
      product: 'consumer',
      applicant: { idNumber: ID },
      bureau: { revolvingUtilization: 0.35, pastDue30to59: 0, pastDue60to89: 0, pastDue90Plus: 0, debtRatio: 0.3, monthlyIncome: '12000.00', openCreditLines: 5, realEstateLoans: 1, dependents: 1 },
    },
  ],
  ['merchant score', ScoreRequestDto, { consentId: thinFile.consentId, product: 'merchant', applicant: { idNumber: ID }, cashFlow: { monthlyRevenue: ['42000.00', '39000.00'], monthsTrading: 30, sector: 'grocery' } }],
  ['consent', CreateConsentDto, { subject: { idNumber: ID, customerRef: 'u-1' }, purposes: ['credit_scoring', 'fraud_check'], evidence: { channel: 'app', noticeVersion: '2026-10' } }],
  ['identity check', IdentityCheckRequestDto, { idNumber: ID, phone: '13800138000', name: '张三' }],
  ['quote', CreateQuoteDto, { amount: '6000.00', currency: 'CNY', terms: [3, 6, 12], customerRef: 'u-1', startDate: '2026-12-01', pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' } }],
  ['tenant', CreateTenantDto, { name: 'Shop', kind: 'ecommerce', plan: { monthlyQuota: 1000, rateLimitPerSecond: 10 } }],
  ['tenant update', UpdateTenantDto, { name: 'Shop A (CN)', status: 'active', plan: { rateLimitPerSecond: 20, prices: { scores: '0.40' } } }],
  ['API key', CreateApiKeyDto, { name: 'checkout-prod', scopes: ['scores:write', 'consents:write'], mode: 'live' }],
  ['credit line', PutCreditLineDto, { limit: '20000.00', currency: 'CNY' }],
  ['webhook endpoint', PutWebhookEndpointDto, { url: 'https://partner.example.com/hooks/guanxing', events: ['batch_job.completed'], rotateSecret: false }],
  ['shape using inheritance, conditions, each, initializers', EdgeShape, { code: 'abcdef', kind: 'card', last4: '4242', note: null, threshold: 5, strict: true, tags: ['a', 'b'], inner: { n: 1 }, level: 2 }],
];

/** Every place in `value` a mutation can hit: object keys and array items, as key paths. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys = Array.isArray(value) ? Array.from(value.keys()) : Object.keys(value);
  return keys.flatMap((key) => [[...path, key], ...places((value as Record<string | number, unknown>)[key], [...path, key])]);
}

const awkward = fc.oneof(
  fc.constantFrom<unknown>(null, '', ' ', 'x', '8000.00', '8000', '-1.00', 'CNY', 'USD', 'consumer', 'merchant', 'app', ID, '13800138000', '203.0.113.7', 'credit_scoring'),
  fc.constantFrom<unknown>(true, false, 0, -1, 1, 0.5, 12, 61, 1e21, -0, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1.0000001, 0.1234567),
  fc.constantFrom<unknown>([], {}, ['x'], [3, 6], ['42000.00'], [null], { idNumber: ID }, { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' }),
  fc.jsonValue({ maxDepth: 2 }),
);
const mutation = fc.record({
  op: fc.constantFrom('set', 'delete', 'add'),
  pick: fc.nat(),
  value: awkward,
  key: fc.constantFrom('extra', 'constructor', 'prototype', 'toString', 'name', 'amount', 'idNumber', 'Product'),
});

function mutate(example: Record<string, unknown>, mutations: { op: string; pick: number; value: unknown; key: string }[]): unknown {
  const body = structuredClone(example);
  for (const { op, pick, value, key } of mutations) {
    const all = places(body);
    const path = all.length > 0 ? all[pick % all.length] : [];
    const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], body) as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (op === 'set' && last !== undefined) parent[last] = structuredClone(value);
    else if (op === 'delete' && last !== undefined) Reflect.deleteProperty(parent, last);
    else if (op === 'add') {
      const hit = last === undefined ? undefined : parent[last];
      const target = (hit !== null && typeof hit === 'object' && !Array.isArray(hit) ? hit : body) as Record<string, unknown>; // JSON arrays hold no named keys
      Object.defineProperty(target, key, { value: structuredClone(value), enumerable: true, writable: true, configurable: true }); // an own key, as JSON.parse makes it
    }
  }
  return body;
}

describe('DTO fast path', () => {
  it.each(examples)('takes a valid %s and builds exactly what the libraries build', async (_name, dto, body) => {
    const fast = fastPathFor(dto)?.(structuredClone(body));
    expect(fast).toBeInstanceOf(dto);
    expect(fast).toStrictEqual(((await libraryResult(dto, body)) as { value: unknown }).value);
  });

  it.each(examples)('never accepts %s bodies the libraries refuse, nor builds them differently (property)', async (_name, dto, example) => {
    const fast = fastPathFor(dto)!;
    let acceptedFast = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 0, maxLength: 3 }), async (mutations) => {
        const body = mutate(example, mutations);
        const fastResult = fast(structuredClone(body));
        if (fastResult === undefined) return;
        acceptedFast += 1;
        const full = await libraryResult(dto, body);
        expect(full.ok).toBe(true);
        expect(fastResult).toStrictEqual((full as { value: unknown }).value);
      }),
      { numRuns: 400 },
    );
    expect(acceptedFast).toBeGreaterThan(10); // the property saw the fast path accept (the example itself, and harmless mutations), not only decline
  });

  it('declines what it does not model: a class with no rules, collections of nested objects, stripped keys, conversions', () => {
    class NoRules {
      name?: string;
    }
    class Item {
      @IsInt() n!: number;
    }
    class WithItems {
      @ValidateNested() @Type(() => Item) items!: Item[];
      @IsString() label!: string;
    }
    class Converted {
      @Type(() => Number) @IsInt() n!: number;
    }
    class Stripped {
      @IsString() prototype!: string; // Nest deletes such a key before validating
    }
    expect(fastPathFor(NoRules)).toBeUndefined();
    expect(fastPathFor(WithItems)).toBeUndefined();
    expect(fastPathFor(Stripped)).toBeUndefined();
    expect(fastPathFor(Converted)?.({ n: '5' })).toBeUndefined();
  });

  it('leaves a body it declines untouched', () => {
    const body = { ...thinFile, constructor: 'x' };
    const before = JSON.stringify(body);
    expect(fastPathFor(ScoreRequestDto)?.(body)).toBeUndefined();
    expect(JSON.stringify(body)).toBe(before);
  });
});
