import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApiApp } from './bootstrap/create-api-app.js';
import { migrateDatabase } from './bootstrap/migrate.js';
import { resolveDatabase } from './bootstrap/resolve-database.js';
import { ensureSandboxTenant, sandboxBanner } from './bootstrap/sandbox.js';
import { installShutdown, loadConfigOrExit, requireRedisOrExit } from './bootstrap/process.js';

/** The HTTP api. Runs processors too unless production (then only with WORKERS_IN_API=true). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await requireRedisOrExit(config.redisUrl);
  const db = await resolveDatabase(config);
  if (config.migrateOnStart) await migrateDatabase(db.database);

  const app = await createApiApp({ config, database: db.database, workers: config.workersInApi });
  installShutdown(app, db.stop, config.shutdownGraceMs);
  await app.listen({ port: config.port, host: config.host });

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const sandbox = config.sandboxBootstrap ? await ensureSandboxTenant(app) : undefined;
  if (!config.isProduction) {
    process.stdout.write(`${sandboxBanner(`http://localhost:${port}`, sandbox, config.adminToken, config.adminTokenGenerated)}\n`);
  }
  new Logger('Bootstrap').log({ port, database: db.embedded ? 'embedded' : 'server', workers: config.workersInApi }, 'api started');
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
