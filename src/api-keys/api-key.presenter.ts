import type { ApiKeyDto } from './dto/api-key.dto.js';
import type { ApiKey } from './api-key.entity.js';
import type { Scope } from '../auth/scopes.js';

export function presentApiKey(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    tenantId: key.tenantId,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes as Scope[],
    mode: key.mode,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
  };
}
