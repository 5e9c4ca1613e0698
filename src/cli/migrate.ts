import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { runPendingMigrations } from '../database/migrator.js';
import { resolveDatabase } from '../bootstrap/resolve-database.js';

/**
 * `run`: apply pending migrations (with the same lock as api start).
 * `check`: apply them, then fail if the entities still differ from the schema (drift).
 * `generate <Name>`: write a migration for the current drift, to be read and committed.
 */
async function main(): Promise<void> {
  const [command = 'run', name] = process.argv.slice(2);
  const config = loadConfig();
  const db = await resolveDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(db.database, 'guanxing-migrate'));
  await dataSource.initialize();
  try {
    const applied = await runPendingMigrations(dataSource, db.database.supportsSessionLocks);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    if (command === 'run') return;

    const drift = await dataSource.driver.createSchemaBuilder().log();
    if (command === 'check') {
      if (drift.upQueries.length > 0) {
        console.error('The entities need a new migration (npm run migration:generate -- <Name>):');
        for (const query of drift.upQueries) console.error(`  ${query.query}`);
        process.exitCode = 1;
      } else {
        console.log('schema matches the entities');
      }
      return;
    }
    if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate -- <PascalCaseName>');
      if (drift.upQueries.length === 0) {
        console.log('nothing to generate');
        return;
      }
      const timestamp = Date.now();
      const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
      const up = drift.upQueries.map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`).join('\n');
      const down = drift.downQueries.reverse().map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`).join('\n');
      const file = `migrations/${timestamp}-${name}.ts`;
      writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n  name = '${name}${timestamp}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
      );
      console.log(`wrote ${file}`);
      return;
    }
    throw new Error(`unknown command ${command}`);
  } finally {
    await dataSource.destroy();
    await db.stop();
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
