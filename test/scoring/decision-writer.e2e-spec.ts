import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { newId } from '../../src/common/ids.js';
import { DecisionWriter } from '../../src/scoring/decision-writer.service.js';
import { ScoreDecision } from '../../src/scoring/score-decision.entity.js';
import { issueKey, partner } from '../support/factories.js';
import { residentId } from '../support/people.js';
import { consentFor, thinFileApplicant } from '../support/scoring.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';

// The group commit behind POST /v1/scores, driven directly to reach what HTTP cannot: a row
// the database refuses inside a shared batch, and a statement that never returns.
describe('decision writer (group commit)', () => {
  let ctx: TestContext;
  let api: TestApp;
  let writer: DecisionWriter;
  let stored: ScoreDecision;
  const person = residentId('19910101'); // whom `stored` was scored for

  const db = () => api.app.get<DataSource>(getDataSourceToken());
  const copy = (id = newId('scr')) => Object.assign(new ScoreDecision(), { ...stored, id, createdAt: new Date() });
  const count = async (ids: string[]) => (await db().query<{ n: number }[]>(`SELECT count(*)::int AS n FROM score_decisions WHERE id = ANY($1)`, [ids]))[0].n;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    writer = api.app.get(DecisionWriter);
    const { auth } = await partner(api, ctx.adminToken, ['scores:write', 'consents:write']);
    const res = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(person, await consentFor(api, auth, { idNumber: person })));
    expect(res.status).toBe(201);
    stored = await db().getRepository(ScoreDecision).findOneByOrFail({ id: res.body.id as string });
  });
  afterAll(() => ctx.close());

  it('fails only the decision the database refuses when it shares a batch with others', async () => {
    const first = writer.write(copy(), null); // occupies the one statement slot, so the next three share a batch
    const [before, duplicate, after] = [copy(), copy(stored.id), copy()];
    const results = await Promise.allSettled([first, writer.write(before, null), writer.write(duplicate, null), writer.write(after, null)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    expect(await count([before.id, after.id])).toBe(2);
  });

  it('checks each decision of a shared batch against a consent of its own mode, and bills only the live ones', async () => {
    const { tenant, key, auth } = await partner(api, ctx.adminToken, ['scores:write', 'consents:write']);
    const testKey = await issueKey(api, ctx.adminToken, tenant.id, ['scores:write', 'consents:write'], 'test');
    const liveConsent = await consentFor(api, auth, { idNumber: person });
    const sandboxConsent = await consentFor(api, { authorization: `Bearer ${testKey.key}` }, { idNumber: person });
    const decision = (mode: 'live' | 'test', consentId: string) =>
      Object.assign(copy(), { tenantId: tenant.id, apiKeyId: mode === 'live' ? key.id : testKey.id, mode, consentId });
    const live = decision('live', liveConsent);
    const sandbox = decision('test', sandboxConsent);
    const crossed = decision('live', sandboxConsent);

    const first = writer.write(copy(), null); // occupies the one statement slot, so the next three share a batch
    const results = await Promise.all([writer.write(live, null), writer.write(sandbox, null), writer.write(crossed, null), first]);
    expect(results.slice(0, 3).map((r) => r.stored)).toEqual([true, true, false]);
    expect(results[2].terms).toBeUndefined(); // to a live decision, a sandbox consent does not exist
    const billed = await db().query<{ resource_id: string }[]>(`SELECT resource_id FROM usage_events WHERE billable AND resource_id = ANY($1)`, [[live.id, sandbox.id, crossed.id]]);
    expect(billed).toEqual([{ resource_id: live.id }]);
  });

  it('gives up on a statement that does not return, and the next decision is written', async () => {
    const locker = new pg.Client({ connectionString: ctx.db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE score_decisions IN ACCESS EXCLUSIVE MODE');
      const stuck = copy();
      const started = Date.now();
      await expect(writer.write(stuck, null)).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeLessThan(8_000);
      await locker.query('ROLLBACK');
      const next = copy();
      await expect(writer.write(next, null)).resolves.toMatchObject({ stored: true });
      expect(await count([next.id])).toBe(1);
    } finally {
      await locker.end();
    }
  }, 20_000);
});
