import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../errors/domain-error.js';
import { frameworkErrorHandler } from '../errors/problem.filter.js';

/** Deeper than any request the API defines (the deepest DTO nests three levels). */
export const MAX_JSON_DEPTH = 32;

/** Whether objects and arrays in `value` nest deeper than `max`; iterative, so no depth can overflow the stack. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const key in node) {
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Fastify `preValidation` hook: a JSON body nested deeper than `MAX_JSON_DEPTH` is a 400
 * before anything walks it (idempotency fingerprints, the validation pipe's scans and
 * class-transformer are recursive; 100,000 levels overflowed the stack into a 500).
 */
export function refuseDeepJson(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  if (!nestsDeeperThan(request.body, MAX_JSON_DEPTH)) return done();
  // Answered here, outside Nest, by the same mapping as every other error raised outside it.
  frameworkErrorHandler(new ValidationFailedError([{ field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` }]), request, reply);
}
