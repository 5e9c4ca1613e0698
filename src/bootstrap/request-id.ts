import type { IncomingMessage } from 'node:http';
import { newId } from '../common/ids.js';
import { containsPersonalIdentifier } from '../identity/domain/personal-identifiers.js';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's request id: the caller's `X-Request-Id` when it is a sane token (and not an ID or
 * phone number: it is echoed and in every log line), else a new `req_…` id.
 */
export function requestIdFor(raw: IncomingMessage): string {
  const header = raw.headers['x-request-id'];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && ACCEPTED_REQUEST_ID.test(candidate) && !containsPersonalIdentifier(candidate) ? candidate : newId('req');
}
