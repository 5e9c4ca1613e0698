import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from '../common/http/language.js';
import { WebhookPublisher } from '../webhooks/webhook-publisher.service.js';
import { withParties } from './referral-queries.js';
import { presentInboundReferral, presentReferral, type ReferralView } from './referral.presenter.js';

/**
 * The referral webhooks (DESIGN §3), recorded in the transaction of the change they report:
 * the lender hears `referral.submitted` when an applicant accepts its offer, and the referring
 * partner hears `referral.status_changed` at every step after offering. A party is sent texts
 * in the language of its own request, and in English when the other party made the change.
 */
@Injectable()
export class ReferralEvents {
  constructor(private readonly webhooks: WebhookPublisher) {}

  async submitted(manager: EntityManager, view: ReferralView, language: Language, now: Date): Promise<string[]> {
    const { referral } = view;
    const [inbound] = await withParties(manager, [view]);
    const toLender = await this.webhooks.record(
      manager,
      { tenantId: referral.lenderTenantId!, mode: referral.mode, type: 'referral.submitted', subjectId: referral.id, data: presentInboundReferral(inbound, 'en', now) },
      now,
    );
    return [...toLender, ...(await this.statusChanged(manager, view, language, now))];
  }

  statusChanged(manager: EntityManager, view: ReferralView, language: Language, now: Date): Promise<string[]> {
    const { referral } = view;
    return this.webhooks.record(
      manager,
      { tenantId: referral.tenantId, mode: referral.mode, type: 'referral.status_changed', subjectId: referral.id, data: presentReferral(view, language, now) },
      now,
    );
  }

  dispatchSoon(deliveryIds: readonly string[]): void {
    this.webhooks.dispatchSoon(deliveryIds);
  }
}
