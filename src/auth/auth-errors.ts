import { DomainError } from '../common/errors/domain-error.js';

export class ApiKeyMissingError extends DomainError {
  constructor() {
    super(401, 'api_key_missing', 'Unauthorized', 'Send your API key as `Authorization: Bearer gx_…` or `X-API-Key: gx_…`.', [], {
      'www-authenticate': 'Bearer realm="guanxing"',
    });
  }
}

export class InvalidApiKeyError extends DomainError {
  constructor() {
    super(401, 'invalid_api_key', 'Unauthorized', 'The API key is not valid.', [], { 'www-authenticate': 'Bearer realm="guanxing", error="invalid_token"' });
  }
}

export class TooManyAuthFailuresError extends DomainError {
  constructor(perMinute: number, retryAfterSeconds: number) {
    super(
      429,
      'too_many_auth_failures',
      'Too many failed authentications',
      `This address presented more than ${perMinute} unknown API keys in a minute; retry after ${retryAfterSeconds} s.`,
      [],
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

export class ApiKeyRevokedError extends DomainError {
  constructor() {
    super(401, 'api_key_revoked', 'Unauthorized', 'The API key has been revoked.', [], { 'www-authenticate': 'Bearer realm="guanxing", error="invalid_token"' });
  }
}

export class TenantSuspendedError extends DomainError {
  constructor() {
    super(403, 'tenant_suspended', 'Forbidden', 'This account is suspended; contact your Guanxing account manager.');
  }
}

export class InsufficientScopeError extends DomainError {
  constructor(required: readonly string[]) {
    super(403, 'insufficient_scope', 'Forbidden', `This API key lacks the scope this endpoint needs: ${required.join(' or ')}.`, [], {}, {
      requiredScopes: required,
    });
  }
}

export class AdminTokenInvalidError extends DomainError {
  constructor() {
    super(401, 'invalid_admin_token', 'Unauthorized', 'Operator endpoints need `Authorization: Bearer <ADMIN_TOKEN>`.', [], {
      'www-authenticate': 'Bearer realm="guanxing-admin"',
    });
  }
}
