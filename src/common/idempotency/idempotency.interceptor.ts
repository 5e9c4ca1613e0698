import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, type Observable, of, switchMap, throwError } from 'rxjs';
import { DomainError } from '../errors/domain-error.js';
import { buildProblem, type Problem } from '../errors/problem.js';
import { ReplayedProblem } from '../errors/problem.filter.js';
import { IDEMPOTENCY_OMIT_FIELDS } from './idempotency-metadata.js';
import { containsPersonalIdentifier } from '../../identity/domain/personal-identifiers.js';
import { IdempotencyKeyInvalidError } from './idempotency-errors.js';
import { IdempotencyService, requestFingerprint } from './idempotency.service.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying (the rest are per-request: ids, rate limits). */
const REPLAYED_HEADERS = ['location'];

/**
 * `Idempotency-Key` for every POST: the first response (success or business error) is
 * stored and replayed; validation errors, auth failures and outages free the key so the
 * client can fix the request and retry with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const rawKey = request.headers['idempotency-key'];
    if (request.method !== 'POST' || rawKey === undefined) return next.handle();
    const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
    if (!key || !KEY_PATTERN.test(key)) return throwError(() => new IdempotencyKeyInvalidError());
    // Keys are stored as sent: one made of an ID or phone number would store what only hashes may.
    if (containsPersonalIdentifier(key)) return throwError(() => new IdempotencyKeyInvalidError('must not be an ID or phone number (use a UUID)'));

    const scope = idempotencyScope(request);
    if (!scope) return next.handle();

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // The URL as sent, not the route pattern: the same key on another resource's path
    // (`/consents/{id}/revoke` of another consent) is another request, never a replay.
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const successStatus = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const omitted = this.reflector.get<string[] | undefined>(IDEMPOTENCY_OMIT_FIELDS, context.getHandler()) ?? [];

    return from(this.idempotency.begin(scope, key, fingerprint)).pipe(
      switchMap((outcome) => {
        if (outcome.kind === 'replay') {
          request.idempotentReplay = true;
          reply.header('idempotent-replayed', 'true');
          if (outcome.status >= 400) return throwError(() => new ReplayedProblem(outcome.body as Problem, outcome.headers));
          reply.headers(outcome.headers);
          return of(outcome.body);
        }
        return next.handle().pipe(
          concatMap(async (body: unknown) => {
            await this.idempotency.complete(scope, key, successStatus, withoutFields(body, omitted), pickHeaders(reply));
            return body;
          }),
          catchError((error: unknown) => from(this.settleFailure(scope, key, error, request)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
    );
  }

  /** Business outcomes (403/404/409/422 from a service) are part of the result; the rest is not. */
  private async settleFailure(scope: string, key: string, error: unknown, request: FastifyRequest): Promise<void> {
    const replayable = error instanceof DomainError && [403, 404, 409, 422].includes(error.status);
    if (!replayable) {
      await this.idempotency.release(scope, key);
      return;
    }
    const problem = buildProblem(
      { status: error.status, code: error.code, title: error.title, detail: error.message, errors: error.errors, extensions: error.extensions },
      request.url.split('?')[0] ?? request.url,
      String(request.id),
    );
    await this.idempotency.complete(scope, key, error.status, problem, error.headers);
  }
}

function pickHeaders(reply: FastifyReply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

function withoutFields(body: unknown, fields: string[]): unknown {
  if (fields.length === 0 || body === null || typeof body !== 'object') return body;
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([name]) => !fields.includes(name)));
}

/**
 * Whose keys these are: a tenant's, separately for its live and its test keys (a sandbox
 * reusing production's order ids must neither replay a live response nor swallow a live
 * request), or the operator's. Live scopes are the bare tenant id, as before test keys had their own.
 */
function idempotencyScope(request: FastifyRequest): string | undefined {
  const principal = request.principal;
  if (principal) return principal.mode === 'test' ? `${principal.tenantId}:test` : principal.tenantId;
  return request.isAdmin ? 'admin' : undefined;
}
