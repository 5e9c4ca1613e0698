// Jest loads global setup outside its ESM transform, so this file is plain JavaScript.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const STALE_MS = 2 * 3_600_000;
// The built app the tests run (GX_DIST_DIR lets a second build sit beside `dist/`).
const DIST = process.env.GX_DIST_DIR ?? 'dist';

async function withAdmin(fn) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Migrates one template database with the built migration CLI (the real artifact); each
 * test file then clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function globalSetup() {
  if (!existsSync(`${DIST}/cli/migrate.js`)) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does it for you).');
  }
  const template = `gx_tpl_${Date.now()}_${process.pid}`;
  await withAdmin(async (client) => {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname ~ '^gx_(tpl|t)_[0-9]+'`);
    for (const { datname } of rows) {
      if (Date.now() - Number(datname.split('_')[2]) > STALE_MS) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${template}`;
  execFileSync('node', [`${DIST}/cli/migrate.js`, 'run'], {
    env: { ...process.env, DATABASE_URL: url.toString(), ADMIN_TOKEN: 'x'.repeat(32), PII_HASH_SECRET: 'y'.repeat(32) },
    stdio: 'pipe',
  });
  process.env.GX_TEST_TEMPLATE_DB = template;
}

export async function globalTeardown() {
  const template = process.env.GX_TEST_TEMPLATE_DB;
  if (template) await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`));
}
