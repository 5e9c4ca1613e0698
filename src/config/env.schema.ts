import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

/**
 * Every environment variable the gateway reads. `.env.example` documents each one;
 * `test/config.spec.ts` keeps the two in step.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: port.default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DB_MIGRATE_ON_START: booleanString.default(true),
    EMBEDDED_DB_DIR: z.string().min(1).default('.data/pglite'),
    EMBEDDED_DB_PORT: port.default(54329),

    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, _ and - only (1-40)')
      .default('gx'),

    ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    PII_HASH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),

    WORKERS_IN_API: booleanString.optional(),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanString.optional(),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(16 * 1024 * 1024).default(1024 * 1024),
    TRUST_PROXY: booleanString.default(false),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),

    DEFAULT_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(50),
    DEFAULT_MONTHLY_QUOTA: z.coerce.number().int().min(0).max(1_000_000_000).default(100_000),
    IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
    API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
    AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(120),
    SANDBOX_BOOTSTRAP: booleanString.optional(),
    METERING_ENABLED: booleanString.default(true),
    BILLING_TIME_ZONE: z
      .string()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Asia/Shanghai')
      .default('Asia/Shanghai'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['DATABASE_URL', 'ADMIN_TOKEN', 'PII_HASH_SECRET'] as const) {
      if (!env[key]) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NODE_ENV=production' });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;
