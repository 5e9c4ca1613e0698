import { STATUS_CODES } from 'node:http';
import { redactPersonalIdentifiers } from '../../identity/domain/personal-identifiers.js';
import type { FieldError } from './domain-error.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const PROBLEM_TYPE_BASE = 'https://docs.guanxing.dev/problems/';

/** RFC 9457 problem details plus the gateway's stable `code` and per-field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ProblemInit {
  status: number;
  code: string;
  title?: string;
  detail: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
}

export function buildProblem(init: ProblemInit, instance: string, requestId?: string): Problem {
  const problem: Problem = {
    type: `${PROBLEM_TYPE_BASE}${init.code}`,
    title: init.title ?? STATUS_CODES[init.status] ?? 'Error',
    status: init.status,
    // Both may quote what the client sent (a path, an id): never an ID or phone number.
    detail: redactPersonalIdentifiers(init.detail),
    instance: redactPersonalIdentifiers(instance),
    code: init.code,
    ...init.extensions,
  };
  if (requestId) problem.requestId = requestId;
  if (init.errors && init.errors.length > 0) {
    problem.errors = init.errors.map((e) => ({ field: redactPersonalIdentifiers(e.field), message: redactPersonalIdentifiers(e.message) }));
  }
  return problem;
}
