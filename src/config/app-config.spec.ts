import { readFileSync } from 'node:fs';
import { envSchema } from './env.schema.js';
import { AppConfig, ConfigError, parseEnv } from './app-config.js';

const SECRETS = { ADMIN_TOKEN: 'a'.repeat(32), PII_HASH_SECRET: 'b'.repeat(32) };

describe('configuration', () => {
  it('applies defaults and types values', () => {
    const env = parseEnv({ PORT: '8080', DB_MIGRATE_ON_START: 'false', ...SECRETS });
    expect(env.PORT).toBe(8080);
    expect(env.DB_MIGRATE_ON_START).toBe(false);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    const config = new AppConfig(env);
    expect(config.database.kind).toBe('embedded');
    expect(config.workersInApi).toBe(true);
    expect(config.idempotencyTtlMs).toBe(24 * 3_600_000);
  });

  it('names every bad variable in one error', () => {
    expect.assertions(4);
    try {
      parseEnv({ PORT: '99999', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', ADMIN_TOKEN: 'short' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      expect(message).toMatch(/PORT: /);
      expect(message).toMatch(/LOG_LEVEL: /);
      expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    }
  });

  it('requires real secrets and a database in production; workers leave the api there', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL: is required when NODE_ENV=production/);
    const config = new AppConfig(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://h/db', ...SECRETS }));
    expect(config.workersInApi).toBe(false);
    expect(config.webhookAllowPrivateTargets).toBe(false);
    expect(new AppConfig(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://h/db', WORKERS_IN_API: 'true', ...SECRETS })).workersInApi).toBe(true);
  });

  it('treats empty strings as unset (KEY= lines in .env files)', () => {
    expect(parseEnv({ DATABASE_URL: '', ...SECRETS }).DATABASE_URL).toBeUndefined();
  });

  it('.env.example lists exactly the variables of the schema', () => {
    const documented = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0])
      .sort();
    const schemaKeys = Object.keys((envSchema as unknown as { _def: { schema?: { shape: object } } })._def.schema?.shape ?? envSchema.shape).sort();
    expect(documented).toEqual(schemaKeys);
  });
});
