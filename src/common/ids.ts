import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/** Resource id prefixes (DESIGN §2). The body is a ULID: time-sortable, 26 Crockford base32 chars. */
export const ID_PREFIXES = {
  tenant: 'ten',
  apiKey: 'key',
  consent: 'cns',
  score: 'scr',
  batchJob: 'bat',
  quote: 'qte',
  plan: 'pln',
  repayment: 'rep',
  referral: 'ref',
  offer: 'off',
  lenderProduct: 'lpr',
  webhookEndpoint: 'whe',
  event: 'evt',
  request: 'req',
  identityCheck: 'idc',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

/**
 * Cryptographic randomness for the ULID body from a pooled buffer: the library's default
 * asks the kernel for one byte per character, which showed up in request profiles.
 */
const pool = new Uint8Array(4096);
let poolOffset = pool.length;
function pooledRandom(): number {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++] / 256;
}

// Monotonic so ids minted in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory(pooledRandom);

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid()}`;
}

const ULID_BODY = '[0-9A-HJKMNP-TV-Z]{26}';

/** Whether `value` looks like an id with the given prefix (cheap check before a lookup). */
export function isId(value: string, prefix: IdPrefix): boolean {
  return new RegExp(`^${prefix}_${ULID_BODY}$`).test(value);
}

export function idPattern(prefix: IdPrefix): RegExp {
  return new RegExp(`^${prefix}_${ULID_BODY}$`);
}
