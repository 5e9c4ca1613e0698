import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_TYPE_BASE } from '../errors/problem.js';
import { ProblemDto } from './problem.dto.js';

const DESCRIPTIONS: Record<number, [string, string, string]> = {
  400: ['Invalid request (malformed JSON, validation failure, unknown field).', 'validation_failed', 'The request has invalid fields; see errors[].'],
  401: ['Missing, invalid or revoked credentials.', 'invalid_api_key', 'The API key is not valid.'],
  403: ['Authenticated but not allowed (missing scope, suspended account).', 'insufficient_scope', 'This API key lacks the scope this endpoint needs.'],
  404: ['No such resource for this tenant.', 'resource_not_found', "No resource with that id."],
  409: ['Conflict with the resource state or a concurrent request with the same Idempotency-Key.', 'idempotency_request_in_progress', 'A request with this Idempotency-Key is still being processed.'],
  413: ['The request body is too large.', 'payload_too_large', 'The request body exceeds the size limit.'],
  415: ['Unsupported Content-Type.', 'unsupported_media_type', 'Unsupported Content-Type; this endpoint accepts application/json.'],
  422: ['Well-formed but cannot be processed (e.g. Idempotency-Key reused with another body).', 'idempotency_key_reused', 'This Idempotency-Key was used with a different request body.'],
  429: ['Rate limit, monthly quota or failed-authentication budget exceeded (`rate_limited`, `quota_exceeded`, `too_many_auth_failures`); see Retry-After.', 'rate_limited', 'This API key is limited to 50 requests per second; retry after 1 s.'],
  503: ['A dependency is unavailable; retry later.', 'service_unavailable', 'A dependency is unavailable.'],
};

/** Documents problem+json error responses for the given statuses. */
export function ApiProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) => {
      const [description, code, detail] = DESCRIPTIONS[status] ?? ['Error.', 'error', 'Error.'];
      return ApiResponse({
        status,
        description,
        content: {
          'application/problem+json': {
            schema: { $ref: getSchemaPath(ProblemDto) },
            example: { type: `${PROBLEM_TYPE_BASE}${code}`, title: 'Error', status, detail, instance: '/v1/…', code },
          },
        },
      });
    }),
  );
}
