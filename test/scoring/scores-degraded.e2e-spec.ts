import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { partner } from '../support/factories.js';
import { residentId } from '../support/people.js';
import { consentFor, thinFileApplicant } from '../support/scoring.js';

describe('scoring while Redis is unreachable', () => {
  let ctx: TestContext;
  let healthy: TestApp;
  let cutOff: TestApp;

  beforeAll(async () => {
    ctx = await createTestContext();
    healthy = await ctx.startApp();
    cutOff = await ctx.startApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await ctx.close();
    // ioredis arms a 2 s timer (disconnectTimeout) when it disconnects a socket that never
    // connected; let those fire here rather than leave the Jest worker to be force-exited.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
  });

  it('still returns a score, flagged degraded with the reason', async () => {
    const { auth } = await partner(healthy, ctx.adminToken, ['scores:write', 'consents:write']);
    const idNumber = residentId('19860606');
    const consentId = await consentFor(healthy, auth, { idNumber });
    const res = await cutOff.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, consentId));
    expect(res.status).toBe(201);
    expect(res.body.degraded).toBe(true);
    expect(res.body.degradedReasons).toEqual(['velocity_unavailable']);
    expect(res.body.creditScore).toBeGreaterThanOrEqual(300);
    const ready = await cutOff.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('not_ready');
  });

  it('still serves /metrics within a second or so, leaving out the queue depth it cannot read', async () => {
    const started = Date.now();
    const res = await cutOff.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(res.text).toContain('http_request_duration_seconds');
    expect(res.text).not.toMatch(/queue_jobs\{/);
    expect(res.text).toMatch(/batch_rows_total\{outcome="scored"\} \d+/);
  });

  it('shuts down promptly with Redis unreachable (no queue worker left waiting for it)', async () => {
    const started = Date.now();
    await cutOff.close();
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
