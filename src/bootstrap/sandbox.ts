import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { SCOPES } from '../auth/scopes.js';
import { TenantsService } from '../tenants/tenants.service.js';

export interface SandboxCredentials {
  tenantId: string;
  apiKey: string;
}

/**
 * On the first start of an empty database (development), creates a sandbox tenant with a
 * test key holding every scope, so the first curl works without any operator step.
 */
export async function ensureSandboxTenant(app: INestApplication): Promise<SandboxCredentials | undefined> {
  const db = app.get<DataSource>(getDataSourceToken());
  const rows: { count: number }[] = await db.query('SELECT count(*)::int AS count FROM tenants');
  if ((rows[0]?.count ?? 0) > 0) return undefined;
  const tenant = await app.get(TenantsService).create({ name: 'Sandbox', kind: 'integrator' });
  const { secret } = await app.get(ApiKeysService).issue(tenant.id, { name: 'sandbox', scopes: [...SCOPES], mode: 'test' });
  return { tenantId: tenant.id, apiKey: secret };
}

export function sandboxBanner(baseUrl: string, sandbox: SandboxCredentials | undefined, adminToken: string, adminTokenGenerated: boolean): string {
  const lines = ['', `Guanxing Gateway is listening on ${baseUrl}  (docs: ${baseUrl}/docs)`];
  if (sandbox) {
    lines.push(
      '',
      `Created sandbox tenant ${sandbox.tenantId} with a test API key (shown once, keep it):`,
      `  ${sandbox.apiKey}`,
      '',
      'Try it:',
      `  curl -s ${baseUrl}/v1/me -H 'Authorization: Bearer ${sandbox.apiKey}'`,
    );
  }
  if (adminTokenGenerated) {
    lines.push('', 'Operator API token (generated for development, kept in .data/dev-secrets.json):', `  ${adminToken}`);
  }
  lines.push('');
  return lines.join('\n');
}
