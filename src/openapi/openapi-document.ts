import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ADMIN_BEARER, PARTNER_BEARER, PARTNER_HEADER } from '../auth/auth.decorators.js';
import { documentConventionHeaders } from './convention-headers.js';

const DESCRIPTION = `Risk decisions as a service for partner platforms: real-time credit and fraud scores,
installment plans with true APR, batch portfolio scoring, webhooks and per-partner metering.

Conventions: partner API under \`/v1\` (API key as \`Authorization: Bearer gx_…\` or \`X-API-Key\`),
operator API under \`/admin/v1\`; errors are RFC 9457 \`application/problem+json\` with a stable
\`code\`; money is a decimal string with two fraction digits; ids are prefixed and time-sortable;
lists are cursor-paginated; POSTs accept \`Idempotency-Key\`; every partner response carries
\`RateLimit-*\` headers and every response an \`X-Request-Id\`.`;

let pluginMetadataLoaded = false;

/** Loads the swagger CLI plugin's metadata (generated into src/metadata.ts by `openapi:metadata`). */
export async function loadSwaggerPluginMetadata(): Promise<void> {
  if (pluginMetadataLoaded) return;
  const metadata = (await import('../metadata.js')) as { default: () => Promise<Record<string, unknown>> };
  await SwaggerModule.loadPluginMetadata(metadata.default);
  pluginMetadataLoaded = true;
}

/** The OpenAPI document of the running code, with stable ordering so the committed file can be diffed. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Guanxing Gateway API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .setContact('Guanxing API support', 'https://docs.guanxing.dev', 'api@guanxing.dev')
    .setLicense('Proprietary', 'https://docs.guanxing.dev/terms')
    .addServer('/', 'This gateway (the host serving these docs)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Partner API key: `Authorization: Bearer gx_live_…` (or `gx_test_…` for the sandbox).' }, PARTNER_BEARER)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Partner API key in the `X-API-Key` header.' }, PARTNER_HEADER)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Operator token: `Authorization: Bearer <ADMIN_TOKEN>`.' }, ADMIN_BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  markPublicOperations(document);
  inlineNullableReferences(document);
  documentConventionHeaders(document);
  return sortKeys(document) as OpenAPIObject;
}

type SchemaNode = Record<string, unknown> & { allOf?: { $ref?: string }[]; nullable?: boolean };

/**
 * The plugin writes a nullable nested DTO as `{ allOf: [{ $ref }], nullable: true }`. In
 * OpenAPI 3.0 `nullable` does not reach into `allOf`, so validators check `null` against the
 * referenced object schema and refuse it (a closed plan's `nextInstallment`, a queued job's
 * `summary`). Such a property gets the referenced schema inline, where `nullable` applies.
 */
function inlineNullableReferences(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaNode>;
  const inlined = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const properties = (node as { properties?: Record<string, SchemaNode> }).properties;
    for (const [name, property] of Object.entries(properties ?? {})) {
      const ref = property.nullable === true && property.allOf?.length === 1 ? property.allOf[0].$ref : undefined;
      const target = ref?.startsWith('#/components/schemas/') ? schemas[ref.slice('#/components/schemas/'.length)] : undefined;
      if (!target) continue;
      inlined.add(ref!);
      const { allOf: _ref, ...rest } = property;
      properties![name] = { ...structuredClone(target), ...rest, type: 'object' };
    }
    Object.values(node).forEach(visit);
  };
  visit(document);
  // A component now only ever inlined would be listed but unused: drop it.
  const text = JSON.stringify(document);
  for (const ref of inlined) if (!text.includes(`"${ref}"`)) delete schemas[ref.slice('#/components/schemas/'.length)];
}

/** Operations without a scheme are public by design (ops endpoints): say so explicitly. */
function markPublicOperations(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as { security?: unknown[] }[]) {
      if (operation && typeof operation === 'object' && !operation.security) operation.security = [];
    }
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
