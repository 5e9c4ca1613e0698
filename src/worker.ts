import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { installShutdown, loadConfigOrExit, requireRedisOrExit } from './bootstrap/process.js';
import { resolveDatabase } from './bootstrap/resolve-database.js';
import { PinoNestLogger } from './logging/pino-nest-logger.js';

/** BullMQ processors without HTTP; scale it separately from the api. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await requireRedisOrExit(config.redisUrl);
  if (config.database.kind === 'embedded') {
    process.stderr.write('The worker needs DATABASE_URL: the embedded database belongs to the api process (npm start runs processors in it).\n');
    process.exit(1);
  }
  const db = await resolveDatabase(config);
  const app = await NestFactory.createApplicationContext(
    AppModule.register({ config, database: db.database, http: false, workers: true }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoNestLogger));
  installShutdown(app, db.stop, config.shutdownGraceMs);
  await app.init();
  new Logger('Bootstrap').log('worker started');
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start worker: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
