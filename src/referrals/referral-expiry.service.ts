import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { Referral } from './referral.entity.js';
import { ReferralEvents } from './referral-events.js';
import { loadViews } from './referral-queries.js';

/** Referrals expired per statement; a run takes batches until none is left. */
const BATCH = 500;

/**
 * Stores `expired` on referrals whose offers lapsed unaccepted and tells each referrer with a
 * `referral.status_changed` event, in the same transaction. SKIP LOCKED lets several workers
 * run it at once, and a referral being accepted right now (its row locked) is left to that
 * accept, whose own conditional UPDATE already refuses it if it came too late.
 */
@Injectable()
export class ReferralExpiry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: ReferralEvents,
  ) {}

  async expireDue(now = new Date(), batchSize = BATCH): Promise<number> {
    let total = 0;
    for (;;) {
      const { expired, deliveries } = await this.dataSource.transaction(async (manager) => {
        const [rows]: [{ id: string }[], number] = await manager.query(
          `UPDATE referrals SET status = 'expired', updated_at = $1
            WHERE id IN (SELECT id FROM referrals WHERE status = 'offered' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING id`,
          [now, batchSize],
        );
        if (rows.length === 0) return { expired: 0, deliveries: [] as string[] };
        const referrals = await manager.findBy(Referral, { id: In(rows.map((row) => row.id)) });
        const recorded: string[] = [];
        for (const view of await loadViews(manager, referrals)) recorded.push(...(await this.events.statusChanged(manager, view, 'en', now)));
        return { expired: rows.length, deliveries: recorded };
      });
      this.events.dispatchSoon(deliveries);
      total += expired;
      if (expired < batchSize) return total;
    }
  }
}
