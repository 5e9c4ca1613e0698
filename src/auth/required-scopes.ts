import { SetMetadata } from '@nestjs/common';
import type { Scope } from './scopes.js';

export const REQUIRED_SCOPES = 'gx:requiredScopes';

/** The route needs any one of these scopes (checked by `PartnerGuard`; 403 `insufficient_scope`). */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(REQUIRED_SCOPES, scopes);
