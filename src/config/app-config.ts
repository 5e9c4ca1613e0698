import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { envSchema, type Env } from './env.schema.js';

/** Raised when the environment does not pass the schema; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type DatabaseConfig =
  | { kind: 'server'; url: string; poolMax: number }
  | { kind: 'embedded'; dataDir: string; port: number };

/**
 * The validated, typed configuration. Built once per process (or per test app) by
 * `loadConfig`; nothing else in the code base reads `process.env`.
 */
export class AppConfig {
  readonly nodeEnv: Env['NODE_ENV'];
  readonly isProduction: boolean;
  readonly host: string;
  readonly port: number;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly database: DatabaseConfig;
  readonly migrateOnStart: boolean;
  readonly redisUrl: string;
  readonly redisPrefix: string;
  readonly adminToken: string;
  readonly adminTokenGenerated: boolean;
  readonly piiHashSecret: string;
  readonly workersInApi: boolean;
  /** Whether webhook endpoints (of any key) may target private and loopback addresses (never in production by default: SSRF). */
  readonly webhookAllowPrivateTargets: boolean;
  readonly bodyLimitBytes: number;
  readonly trustProxy: boolean;
  readonly shutdownGraceMs: number;
  readonly defaultRateLimitPerSecond: number;
  readonly defaultMonthlyQuota: number;
  readonly idempotencyTtlMs: number;
  readonly apiKeyCacheTtlMs: number;
  /** Unknown API keys a client address may present per minute before its lookups answer 429 (0: no limit). */
  readonly authFailuresPerMinute: number;
  readonly sandboxBootstrap: boolean;
  readonly meteringEnabled: boolean;
  readonly billingTimeZone: string;

  constructor(env: Env, devSecrets: { adminToken?: string; piiHashSecret?: string } = {}) {
    this.nodeEnv = env.NODE_ENV;
    this.isProduction = env.NODE_ENV === 'production';
    this.host = env.HOST;
    this.port = env.PORT;
    this.logLevel = env.LOG_LEVEL;
    this.database = env.DATABASE_URL
      ? { kind: 'server', url: env.DATABASE_URL, poolMax: env.DB_POOL_MAX }
      : { kind: 'embedded', dataDir: resolve(env.EMBEDDED_DB_DIR), port: env.EMBEDDED_DB_PORT };
    this.migrateOnStart = env.DB_MIGRATE_ON_START;
    this.redisUrl = env.REDIS_URL;
    this.redisPrefix = env.REDIS_PREFIX;
    this.adminTokenGenerated = !env.ADMIN_TOKEN;
    this.adminToken = env.ADMIN_TOKEN ?? devSecrets.adminToken ?? '';
    this.piiHashSecret = env.PII_HASH_SECRET ?? devSecrets.piiHashSecret ?? '';
    this.workersInApi = env.WORKERS_IN_API ?? !this.isProduction;
    this.webhookAllowPrivateTargets = env.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? !this.isProduction;
    this.bodyLimitBytes = env.BODY_LIMIT_BYTES;
    this.trustProxy = env.TRUST_PROXY;
    this.shutdownGraceMs = env.SHUTDOWN_GRACE_MS;
    this.defaultRateLimitPerSecond = env.DEFAULT_RATE_LIMIT_PER_SECOND;
    this.defaultMonthlyQuota = env.DEFAULT_MONTHLY_QUOTA;
    this.idempotencyTtlMs = env.IDEMPOTENCY_TTL_HOURS * 3_600_000;
    this.apiKeyCacheTtlMs = env.API_KEY_CACHE_TTL_MS;
    this.authFailuresPerMinute = env.AUTH_FAILURES_PER_MINUTE;
    this.sandboxBootstrap = env.SANDBOX_BOOTSTRAP ?? (!this.isProduction && !env.DATABASE_URL);
    this.meteringEnabled = env.METERING_ENABLED;
    this.billingTimeZone = env.BILLING_TIME_ZONE;
  }
}

export function parseEnv(raw: Record<string, string | undefined>): Env {
  // Empty strings mean "unset": `.env` files and compose files often carry `KEY=`.
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

/**
 * Outside production an unset ADMIN_TOKEN or PII_HASH_SECRET is generated once and kept
 * beside the embedded database, so a developer's sandbox keys and hashes survive restarts.
 */
function developmentSecrets(env: Env): { adminToken: string; piiHashSecret: string } {
  const file = resolve(dirname(resolve(env.EMBEDDED_DB_DIR)), 'dev-secrets.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as { adminToken: string; piiHashSecret: string };
  }
  const secrets = {
    adminToken: `gx_admin_${randomBytes(24).toString('base64url')}`,
    piiHashSecret: randomBytes(32).toString('base64url'),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Reads `.env` (if present) under the real environment, validates, and builds the config. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  if (existsSync('.env') && !overrides.SKIP_ENV_FILE) process.loadEnvFile('.env');
  const env = parseEnv({ ...process.env, ...overrides });
  const needsDevSecrets = !env.ADMIN_TOKEN || !env.PII_HASH_SECRET;
  return new AppConfig(env, needsDevSecrets ? developmentSecrets(env) : {});
}
