import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import type { Product, TenantKind, TenantStatus } from '../tenants/tenant.entity.js';
import type { Scope } from './scopes.js';

/** Who is calling: the tenant and key behind a partner request. Cached per key hash. */
export interface Principal {
  tenantId: string;
  tenantName: string;
  tenantKind: TenantKind;
  tenantStatus: TenantStatus;
  keyId: string;
  keyName: string;
  keyPrefix: string;
  keyHash: string;
  scopes: readonly Scope[];
  mode: ApiKeyMode;
  revoked: boolean;
  plan: { monthlyQuota: number; rateLimitPerSecond: number; prices: Partial<Record<Product, number>> };
  currency: string;
  modelPins: Record<string, string>;
}

/**
 * Whose resources a partner call reaches: its tenant's, in the mode of its key. Test keys work
 * in the sandbox (DESIGN §2): they never see what live keys created, nor live keys theirs. Test
 * keys are kept with less care than live ones (CI, laptops), so one must not open live data.
 */
export type DataOwner = Pick<Principal, 'tenantId' | 'mode'>;

/** The owner's two columns alone, as a `where` (a Principal passed as owner carries many more fields). */
export function ownerFilter(owner: DataOwner): DataOwner {
  return { tenantId: owner.tenantId, mode: owner.mode };
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    isAdmin?: boolean;
    /** Set when the response is an idempotent replay (never billable). */
    idempotentReplay?: boolean;
    /** Quota units reserved for this request, refunded unless it is billed. */
    quotaReservation?: { tenantId: string; month: string; units: number };
  }
}
