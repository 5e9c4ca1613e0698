import { HttpException } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import type { ProblemInit } from './problem.js';

/** Fastify's own client errors (body parsing, media types) mapped to stable codes. */
const FASTIFY_CODES: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', detail: 'The request body is not valid JSON.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', detail: 'The request body exceeds the size limit.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    detail: 'Unsupported Content-Type; this endpoint accepts application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid_content_length',
    detail: 'The Content-Length header does not match the body.',
  },
  FST_ERR_BAD_URL: { code: 'malformed_url', detail: 'The request URL is malformed.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'uri_too_long', detail: 'A path parameter is longer than any valid value.' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad_request', detail: 'The request could not be routed.' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'unsupported_media_type', detail: 'The Content-Type header is invalid.' },
};

const STATUS_CODES_BY_HTTP: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'service_unavailable',
};

function fastifyCode(error: unknown): string | undefined {
  const cause = error instanceof HttpException ? (error.cause as { code?: unknown } | undefined) : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export interface MappedProblem {
  init: ProblemInit;
  headers: Record<string, string>;
  /** Whether the error is a server fault that must be logged with its stack. */
  serverFault: boolean;
}

/** Maps anything thrown while serving a request to the problem the client sees. */
export function mapErrorToProblem(error: unknown): MappedProblem {
  if (error instanceof DomainError) {
    return {
      init: {
        status: error.status,
        code: error.code,
        title: error.title,
        detail: error.message,
        errors: error.errors,
        extensions: error.extensions,
      },
      headers: error.headers,
      serverFault: error.status >= 500 && error.status !== 503,
    };
  }

  const fastify = fastifyCode(error);
  if (fastify && FASTIFY_CODES[fastify]) {
    const known = FASTIFY_CODES[fastify];
    const ownStatus = (error as { statusCode?: unknown }).statusCode;
    const status = error instanceof HttpException ? error.getStatus() : typeof ownStatus === 'number' && ownStatus < 500 ? ownStatus : 400;
    return { init: { status, code: known.code, detail: known.detail }, headers: {}, serverFault: false };
  }

  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      const response = error.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : typeof (response as { message?: unknown }).message === 'string'
            ? ((response as { message: string }).message)
            : error.message;
      const code = status === 404 ? 'route_not_found' : (STATUS_CODES_BY_HTTP[status] ?? 'client_error');
      return { init: { status, code, detail }, headers: {}, serverFault: false };
    }
  }

  const status = (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      init: { status, code: STATUS_CODES_BY_HTTP[status] ?? 'client_error', detail: 'The request could not be processed.' },
      headers: {},
      serverFault: false,
    };
  }

  return {
    init: { status: 500, code: 'internal_error', detail: 'An unexpected error occurred. Quote the requestId when contacting support.' },
    headers: {},
    serverFault: true,
  };
}
