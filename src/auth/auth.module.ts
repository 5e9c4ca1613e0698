import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { ApiKeyAuthService } from './api-key-auth.service.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { MeController } from './me.controller.js';
import { ScopesGuard } from './scopes.guard.js';

@Global()
@Module({
  imports: [PassportModule],
  controllers: [MeController],
  providers: [ApiKeyAuthService, ApiKeyStrategy, ApiKeyGuard, ScopesGuard, RateLimitGuard, AdminTokenGuard],
  exports: [ApiKeyAuthService, ApiKeyGuard, ScopesGuard, RateLimitGuard, AdminTokenGuard],
})
export class AuthModule {}
