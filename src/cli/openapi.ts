import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { createApiApp } from '../bootstrap/create-api-app.js';
import { loadConfig } from '../config/app-config.js';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';

const SPEC_FILE = 'openapi/openapi.json';

/**
 * `write`: regenerate openapi/openapi.json from the code. `check`: fail when the committed
 * file differs. The app is built in preview mode: no provider runs, nothing connects.
 */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'write';
  const unused = 'x'.repeat(32);
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: 'postgresql://unused@127.0.0.1:1/unused', ADMIN_TOKEN: unused, PII_HASH_SECRET: unused });
  const app = await createApiApp({ config, database: { url: config.redisUrl, poolMax: 1, supportsSessionLocks: false }, workers: false, preview: true });
  const text = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close().catch(() => undefined);
  if (command === 'write') {
    writeFileSync(SPEC_FILE, text);
    console.log(`wrote ${SPEC_FILE}`);
  } else if (readFileSync(SPEC_FILE, 'utf8') !== text) {
    console.error(`${SPEC_FILE} is out of date: run npm run openapi:generate and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(`${SPEC_FILE} matches the code`);
  }
  process.exit();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
