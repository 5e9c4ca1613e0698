import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Response } from 'supertest';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, unknown> };
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Headers of DESIGN §2's conventions: when a response carries one, the document must say so. */
const CONVENTION_HEADERS = ['x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy', 'ratelimit', 'retry-after', 'idempotent-replayed'];

/** OpenAPI 3.0 schema → JSON Schema: `nullable` becomes a `null` type, refs point into the registered document. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/components/schemas/', 'openapi#/components/schemas/');
    else if (key !== 'nullable') out[key] = toJsonSchema(value);
  }
  const { nullable, type } = node as { nullable?: boolean; type?: string };
  if (nullable === true && typeof type === 'string') out.type = [type, 'null'];
  return out;
}

/**
 * Checks real responses against the document the gateway publishes: the schema of the
 * operation's documented status and content type, and the convention headers it sends. What integrators generate clients and
 * response validators from must accept what the API sends.
 */
export class OpenApiResponseValidator {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components) });
  }

  /** Problems found (empty when the response matches); `template` is the documented path, e.g. `/v1/scores/{id}`. */
  problems(method: string, template: string, res: Response): string[] {
    const operation = this.document.paths[template]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${template} is not documented`];
    const response = operation.responses[String(res.status)];
    if (!response) return [`${method} ${template} does not document status ${res.status}`];
    const contentType = String(res.headers['content-type'] ?? '').split(';')[0];
    const media = response.content?.[contentType];
    if (!media) return [`${method} ${template} ${res.status} does not document ${contentType}`];
    const key = `${method} ${template} ${res.status} ${contentType}`;
    const documentedHeaders = new Set(Object.keys(response.headers ?? {}).map((name) => name.toLowerCase()));
    const undocumented = CONVENTION_HEADERS.filter((name) => res.headers[name] !== undefined && !documentedHeaders.has(name)).map((name) => `${key}: header ${name} is sent but not documented`);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(media.schema) as object);
      this.compiled.set(key, validate);
    }
    const bodyProblems = validate(res.body) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message}`);
    return [...undocumented, ...bodyProblems];
  }
}
