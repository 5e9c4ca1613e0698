import { formatMoney } from '../common/money.js';
import type { TenantDto } from './dto/tenant.dto.js';
import type { TenantPlanDto } from './dto/tenant-plan.dto.js';
import type { Tenant, TenantPlan } from './tenant.entity.js';

export function presentTenant(tenant: Tenant): TenantDto {
  return {
    id: tenant.id,
    name: tenant.name,
    kind: tenant.kind,
    status: tenant.status,
    plan: presentPlan(tenant.plan),
    currency: tenant.currency,
    modelPins: tenant.modelPins,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

export function presentPlan(plan: TenantPlan): TenantPlanDto {
  return {
    monthlyQuota: plan.monthlyQuota,
    rateLimitPerSecond: plan.rateLimitPerSecond,
    prices: Object.fromEntries(Object.entries(plan.prices).map(([product, minor]) => [product, formatMoney(minor)])),
  };
}
