import { Queue, QueueEvents } from 'bullmq';
import { startBatchApp } from '../batch-scoring/support/batch-app.js';
import { sql } from '../installments/helpers.js';
import { createTestContext, REDIS_URL, type TestApp, type TestContext } from '../support/test-app.js';
import { lender, productBody, publish, referralBody, referringShop, scoredApplicant } from './helpers.js';

/** The workers expire lapsed offers: the job is scheduled every minute and does the work when it runs. */
describe('referral expiry on the workers', () => {
  let ctx: TestContext;
  let api: TestApp;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await startBatchApp(ctx); // api with processors, as `npm start` runs in development
    const connection = { url: REDIS_URL };
    queue = new Queue('referrals', { connection, prefix: `${ctx.redisPrefix}:bull` });
    events = new QueueEvents('referrals', { connection, prefix: `${ctx.redisPrefix}:bull` });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await api?.close();
    await ctx?.close();
  });

  it('is scheduled every minute, and a run stores expired on lapsed referrals only', async () => {
    expect(await queue.getJobScheduler('referral.expire')).toMatchObject({ every: 60_000 });
    const bank = await lender(api, ctx, 'Expiry Bank');
    await publish(api, bank.auth, productBody());
    const shop = await referringShop(api, ctx);
    const refer = async () => (await api.http().post('/v1/referrals').set(shop.live).send(referralBody(await scoredApplicant(api, shop.live)))).body as { id: string };
    const [lapsed, current] = [await refer(), await refer()];
    await sql(ctx, `UPDATE referrals SET expires_at = now() - interval '1 second' WHERE id = $1`, [lapsed.id]);

    const job = await queue.add('referral.expire', {});
    expect(await job.waitUntilFinished(events, 15_000)).toEqual({ expired: 1 });
    expect(await sql(ctx, 'SELECT id, status FROM referrals ORDER BY id')).toEqual([
      { id: lapsed.id, status: 'expired' },
      { id: current.id, status: 'offered' },
    ]);
  });
});
