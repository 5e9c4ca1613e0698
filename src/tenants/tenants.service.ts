import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ApiKeyAuthService } from '../auth/api-key-auth.service.js';
import { AppConfig } from '../config/app-config.js';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { ModelRegistry } from '../scoring/engine/model-registry.js';
import { newId } from '../common/ids.js';
import { parseMoney } from '../common/money.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import type { PlanPricesDto } from './dto/tenant-plan.dto.js';
import type { CreateTenantDto, UpdateTenantDto } from './dto/tenant.dto.js';
import { type Product, Tenant } from './tenant.entity.js';

/** Default list prices per billable unit, in fen. */
const DEFAULT_PRICES: Record<Product, number> = {
  scores: 50,
  identity_checks: 10,
  installments: 100,
  referrals: 500,
  batch_rows: 2,
};

@Injectable()
export class TenantsService {
  constructor(
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    private readonly auth: ApiKeyAuthService,
    private readonly config: AppConfig,
    private readonly models: ModelRegistry,
  ) {}

  async create(input: CreateTenantDto): Promise<Tenant> {
    const tenant = this.tenants.create({
      id: newId('ten'),
      name: input.name.trim(),
      kind: input.kind,
      status: 'active',
      currency: 'CNY',
      modelPins: {},
      plan: {
        monthlyQuota: input.plan?.monthlyQuota ?? this.config.defaultMonthlyQuota,
        rateLimitPerSecond: input.plan?.rateLimitPerSecond ?? this.config.defaultRateLimitPerSecond,
        prices: { ...DEFAULT_PRICES, ...pricesToMinor(input.plan?.prices) },
      },
    });
    return this.tenants.save(tenant);
  }

  async get(id: string): Promise<Tenant> {
    const tenant = await this.tenants.findOneBy({ id });
    if (!tenant) throw new NotFoundError('tenant', id);
    return tenant;
  }

  list(page: PaginationQueryDto): Promise<Page<Tenant>> {
    return paginate(this.tenants.createQueryBuilder('tenant'), page);
  }

  async update(id: string, input: UpdateTenantDto): Promise<Tenant> {
    const tenant = await this.get(id);
    if (input.name !== undefined) tenant.name = input.name.trim();
    if (input.kind !== undefined) tenant.kind = input.kind;
    if (input.status !== undefined) tenant.status = input.status;
    if (input.plan) {
      tenant.plan = {
        monthlyQuota: input.plan.monthlyQuota ?? tenant.plan.monthlyQuota,
        rateLimitPerSecond: input.plan.rateLimitPerSecond ?? tenant.plan.rateLimitPerSecond,
        prices: { ...tenant.plan.prices, ...pricesToMinor(input.plan.prices) },
      };
    }
    if (input.modelPins) tenant.modelPins = this.applyPins(tenant.modelPins, input.modelPins);
    const saved = await this.tenants.save(tenant);
    // Status and plan live in every cached principal of this tenant: drop them everywhere.
    await this.auth.invalidate({ tenantId: id });
    return saved;
  }

  /** Merges pin changes (null unpins), refusing versions the registry does not have. */
  private applyPins(current: Record<string, string>, changes: Record<string, string | null>): Record<string, string> {
    const pins = { ...current };
    const errors = [];
    for (const [name, version] of Object.entries(changes)) {
      if (version === null) {
        delete pins[name];
        continue;
      }
      try {
        if (typeof version !== 'string') throw new RangeError('not a string');
        pins[name] = this.models.resolve(name, version).model.version;
      } catch {
        errors.push({ field: `modelPins.${name}`, message: `no model ${name}@${String(version)}; known: ${this.models.versions().join(', ')}` });
      }
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return pins;
  }
}

function pricesToMinor(prices: PlanPricesDto | undefined): Partial<Record<Product, number>> {
  if (!prices) return {};
  return Object.fromEntries(
    Object.entries(prices)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([product, text]) => [product, parseMoney(text)]),
  );
}
