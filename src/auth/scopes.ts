/**
 * Partner scopes (DESIGN §2). A `:write` scope also lets the key read that product's
 * resources, so read routes accept the product's write scope.
 */
export const SCOPES = [
  'scores:write',
  'consents:write',
  'installments:write',
  'referrals:write',
  'lending:write',
  'batch:write',
  'usage:read',
  'webhooks:write',
] as const;

export type Scope = (typeof SCOPES)[number];
