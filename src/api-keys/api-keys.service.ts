import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ApiKeyAuthService } from '../auth/api-key-auth.service.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { newId } from '../common/ids.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { generateApiKey } from './api-key-format.js';
import { ApiKey } from './api-key.entity.js';
import type { CreateApiKeyDto } from './dto/api-key.dto.js';

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly tenants: TenantsService,
    private readonly auth: ApiKeyAuthService,
  ) {}

  /** Creates a key; the secret is returned here once and only its hash is stored. */
  async issue(tenantId: string, input: CreateApiKeyDto): Promise<{ key: ApiKey; secret: string }> {
    await this.tenants.get(tenantId);
    const generated = generateApiKey(input.mode);
    const key = await this.keys.save(
      this.keys.create({
        id: newId('key'),
        tenantId,
        name: input.name.trim(),
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        scopes: [...input.scopes].sort(),
        mode: input.mode,
        revokedAt: null,
      }),
    );
    return { key, secret: generated.secret };
  }

  async list(tenantId: string, page: PaginationQueryDto): Promise<Page<ApiKey>> {
    await this.tenants.get(tenantId);
    return paginate(this.keys.createQueryBuilder('key').where('key.tenant_id = :tenantId', { tenantId }), page);
  }

  async get(tenantId: string, keyId: string): Promise<ApiKey> {
    const key = await this.keys.findOneBy({ id: keyId, tenantId });
    if (!key) throw new NotFoundError('API key', keyId);
    return key;
  }

  /** Revokes at once on every replica; revoking twice keeps the first revocation time. */
  async revoke(tenantId: string, keyId: string): Promise<ApiKey> {
    const key = await this.get(tenantId, keyId);
    if (!key.revokedAt) {
      await this.keys.update({ id: keyId, tenantId }, { revokedAt: () => 'now()' });
    }
    await this.auth.invalidate({ keyHash: key.secretHash });
    return this.get(tenantId, keyId);
  }
}
