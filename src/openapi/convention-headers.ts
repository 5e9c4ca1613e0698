import type { BaseParameterObject, OpenAPIObject, ParameterObject } from '@nestjs/swagger';
import { PARTNER_BEARER } from '../auth/auth.decorators.js';

type Headers = Record<string, { $ref: string }>;
interface Operation {
  parameters?: ({ $ref: string } | { name: string; in: string })[];
  responses?: Record<string, { headers?: Headers }>;
  security?: Record<string, unknown>[];
}

const REPLAYED_ERRORS = new Set(['403', '404', '409', '422']);
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const parameter = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** Response headers every route (or every partner route) sends, defined once (DESIGN §2). */
const HEADERS: Record<string, BaseParameterObject> = {
  'X-Request-Id': {
    description: 'The id of this request: yours if you sent a valid `X-Request-Id`, else generated. It is in every log line; quote it to support.',
    schema: { type: 'string', example: 'req_01JD3Q6Z5V7Y8X9W0A1B2C3D4E' },
  },
  'RateLimit-Limit': { description: "Requests per second this key may make (its tenant plan's rate limit).", schema: { type: 'integer', example: 50 } },
  'RateLimit-Remaining': { description: 'Requests left in the current one-second window.', schema: { type: 'integer', example: 49 } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer', example: 1 } },
  'RateLimit-Policy': {
    description: 'The policies applied (IETF RateLimit headers draft): the per-key rate, and for a live key on a billable route the monthly quota.',
    schema: { type: 'string', example: '"key";q=50;w=1, "quota";q=100000;w=2592000' },
  },
  RateLimit: { description: 'What is left of each policy.', schema: { type: 'string', example: '"key";r=49;t=1, "quota";r=99000;t=864000' } },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', example: 1 } },
  'Idempotent-Replayed': { description: 'Present (`true`) when this is the stored first response to the same `Idempotency-Key`.', schema: { type: 'string', enum: ['true'] } },
};

const PARAMETERS: Record<string, ParameterObject> = {
  RequestId: {
    name: 'X-Request-Id',
    in: 'header',
    required: false,
    description: 'Your id for this request (1–128 of `A–Z a–z 0–9 . _ : -`), echoed in the response and in our logs; one is generated if absent.',
    schema: { type: 'string', maxLength: 128 },
  },
  AcceptLanguage: {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description:
      'Language of human-readable texts (reason texts, disclosures): `en` (the default) or `zh-CN`; a list with weights (`zh-CN,zh;q=0.9,en;q=0.8`) is understood. Codes never change.',
    schema: { type: 'string', example: 'zh-CN' },
  },
};

/**
 * Documents the headers of DESIGN §2's conventions on every operation: they are set by hooks
 * and guards shared by all routes, not by any one controller, so no decorator would see them.
 */
export function documentConventionHeaders(document: OpenAPIObject): void {
  document.components = { ...document.components, headers: { ...HEADERS }, parameters: { ...document.components?.parameters, ...PARAMETERS } };
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as Operation[]) {
      if (!operation?.responses) continue;
      const partner = (operation.security ?? []).some((scheme) => PARTNER_BEARER in scheme);
      const idempotent = (operation.parameters ?? []).some((p) => 'name' in p && p.name === 'Idempotency-Key');
      operation.parameters = [...(operation.parameters ?? []), parameter('RequestId'), ...(partner ? [parameter('AcceptLanguage')] : [])];
      for (const [status, response] of Object.entries(operation.responses)) {
        const headers: Headers = { ...response.headers, 'X-Request-Id': header('X-Request-Id') };
        // A partner response carries the key's rate-limit headers once the key is known (not on a 401).
        if (partner && status !== '401') for (const name of ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy', 'RateLimit']) headers[name] = header(name);
        if (status === '429' || status === '503' || (idempotent && status === '409')) headers['Retry-After'] = header('Retry-After');
        // Business errors are stored and replayed too (validation errors free the key instead).
        if (idempotent && (status.startsWith('2') || REPLAYED_ERRORS.has(status))) headers['Idempotent-Replayed'] = header('Idempotent-Replayed');
        response.headers = headers;
      }
    }
  }
}
