import { Global, Module } from '@nestjs/common';
import { AuthFailureLimiter } from '../rate-limit/auth-failure-limiter.js';
import { KeyRateLimiter } from '../rate-limit/key-rate-limiter.js';
import { ApiKeyAuthService } from './api-key-auth.service.js';
import { MeController } from './me.controller.js';

/** Global: `PartnerGuard`, which Nest builds in each controller's module, needs these. */
@Global()
@Module({
  controllers: [MeController],
  providers: [ApiKeyAuthService, KeyRateLimiter, AuthFailureLimiter],
  exports: [ApiKeyAuthService, KeyRateLimiter, AuthFailureLimiter],
})
export class AuthModule {}
