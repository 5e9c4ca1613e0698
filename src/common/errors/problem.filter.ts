import { type ArgumentsHost, Catch, type ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactPersonalIdentifiers } from '../../identity/domain/personal-identifiers.js';
import { PROBLEM_CONTENT_TYPE, buildProblem, type Problem } from './problem.js';
import { mapErrorToProblem, type MappedProblem } from './problem-mapping.js';
import type { RouteIndex } from './route-index.js';

/** A stored problem replayed verbatim (idempotent replays of a failed first attempt). */
export class ReplayedProblem extends Error {
  constructor(readonly problem: Problem, readonly headers: Record<string, string>) {
    super(problem.detail);
  }
}

/**
 * The one place where errors become HTTP responses: every error, from a validation pipe,
 * a guard, a service or Fastify's body parser, leaves as RFC 9457 problem+json.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly routes: RouteIndex) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const instance = request.url.split('?')[0] ?? request.url;

    if (error instanceof ReplayedProblem) {
      this.send(reply, error.problem, error.headers);
      return;
    }

    const mapped = error instanceof NotFoundException && isUnmatchedRoute(error) ? this.routeMiss(request) : mapErrorToProblem(error);
    if (mapped.serverFault) {
      this.logger.error({ err: error, reqId: request.id }, 'unhandled error');
    }
    this.send(reply, buildProblem(mapped.init, instance, String(request.id)), mapped.headers);
  }

  private routeMiss(request: FastifyRequest): MappedProblem {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = this.routes.allowedMethods(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return {
        init: {
          status: 405,
          code: 'method_not_allowed',
          detail: `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}.`,
        },
        headers: { allow: allowed.join(', ') },
        serverFault: false,
      };
    }
    return {
      init: { status: 404, code: 'route_not_found', detail: `No route ${request.method} ${path}.` },
      headers: {},
      serverFault: false,
    };
  }

  private send(reply: FastifyReply, problem: Problem, headers: Record<string, string>): void {
    sendProblem(reply, problem, headers);
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}): void {
  if (reply.sent) return;
  reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** Fastify's router errors (over-long params, bad URLs) never reach Nest; answer them here. */
export function frameworkErrorHandler(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const mapped = mapErrorToProblem(error);
  // Redacted before it is cut, so a cut cannot leave part of an ID or phone number unrecognised.
  const instance = redactPersonalIdentifiers(request.url.split('?')[0] ?? request.url).slice(0, 200);
  sendProblem(reply, buildProblem(mapped.init, instance, String(request.id)), mapped.headers);
}

/** Nest's not-found handler throws `NotFoundException('Cannot GET /x')` for unknown routes. */
function isUnmatchedRoute(error: NotFoundException): boolean {
  return /^Cannot [A-Z]+ /.test(error.message);
}
