// CPU profile of the api under POST /v1/scores load: node bench/profile-scores.mjs, then open
// /tmp/prof/*.cpuprofile in Chrome DevTools (or summarise it). A diagnosis tool, not a benchmark.
import { spawn } from 'node:child_process';
import { adminPost, cannon, scratchDatabase, ADMIN_TOKEN, REDIS_URL } from './lib.mjs';
const PORT = 3930; const apiUrl = `http://127.0.0.1:${PORT}`;
const db = await scratchDatabase();
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', 'dist/main.js'], { env: { PATH: process.env.PATH, NODE_ENV: 'production', ADMIN_TOKEN, PII_HASH_SECRET: 'x'.repeat(40), REDIS_URL, DATABASE_URL: db.url, PORT: String(PORT), HOST: '127.0.0.1', REDIS_PREFIX: 'gxprof', LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'inherit'] });
await new Promise((r) => setTimeout(r, 4000));
function residentId(n) { const body = `110105${1960 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`; const w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; const s = [...body].reduce((a, d, i) => a + Number(d) * w[i], 0); return body + '10X98765432'[s % 11]; }
const tenant = await adminPost(apiUrl, '/admin/v1/tenants', { name: 'Bench', kind: 'ecommerce', plan: { rateLimitPerSecond: 100000 } });
const key = await adminPost(apiUrl, `/admin/v1/tenants/${tenant.id}/api-keys`, { name: 'bench', scopes: ['scores:write', 'consents:write'], mode: 'live' });
const auth = { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' };
const bodies = [];
for (let n = 0; n < 100; n++) { const idNumber = residentId(n); const c = await fetch(`${apiUrl}/v1/consents`, { method: 'POST', headers: auth, body: JSON.stringify({ subject: { idNumber }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '1' } }) }).then((r) => r.json()); bodies.push(JSON.stringify({ consentId: c.id, product: 'consumer', applicant: { idNumber, phone: `139${String(n).padStart(8, '0')}`, deviceId: `d-${n}` }, application: { amount: '8000.00', currency: 'CNY', termMonths: 12 }, bureau: { revolvingUtilization: 0.35, pastDue30to59: 0, pastDue60to89: 0, pastDue90Plus: 0, debtRatio: 0.3, monthlyIncome: '12000.00', openCreditLines: 5, realEstateLoans: 1, dependents: 1 } })); }
let i = 0;
const r = await cannon({ url: apiUrl, requests: [{ method: 'POST', path: process.env.P ?? '/v1/scores', headers: auth, setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }], duration: 8 });
console.log(r.requests.average, r.latency.p99, r.non2xx);
child.kill('SIGINT');
await new Promise((r) => child.on('exit', r));
await db.drop();
