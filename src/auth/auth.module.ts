import { Global, Module } from '@nestjs/common';
import { KeyRateLimiter } from '../rate-limit/key-rate-limiter.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { ApiKeyAuthService } from './api-key-auth.service.js';
import { MeController } from './me.controller.js';
import { PartnerGuard } from './partner.guard.js';

@Global()
@Module({
  controllers: [MeController],
  providers: [ApiKeyAuthService, KeyRateLimiter, PartnerGuard, AdminTokenGuard],
  exports: [ApiKeyAuthService, KeyRateLimiter, PartnerGuard, AdminTokenGuard],
})
export class AuthModule {}
