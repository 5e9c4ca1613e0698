import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { AdminTokenInvalidError } from './auth-errors.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Operator API: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: AppConfig) {
    this.expected = digest(config.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    // Comparing fixed-length digests keeps the comparison time independent of the token.
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), this.expected)) throw new AdminTokenInvalidError();
    request.isAdmin = true;
    return true;
  }
}
