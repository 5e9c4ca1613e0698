/**
 * The referral lifecycle (DESIGN §3): `offered → submitted → approved | declined`, then
 * `approved → funded`; an offered referral nobody accepted becomes `expired` at its
 * `expiresAt`. Reads derive that status at once; a minutely job then stores it and tells the
 * referrer, so the answer never waits for the job and the event never goes missing.
 */

export const REFERRAL_STATUSES = ['offered', 'submitted', 'approved', 'declined', 'funded', 'expired'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralAction = 'accept' | 'approve' | 'decline' | 'fund';

const TRANSITIONS: Record<ReferralAction, { from: ReferralStatus; to: ReferralStatus }> = {
  accept: { from: 'offered', to: 'submitted' },
  approve: { from: 'submitted', to: 'approved' },
  decline: { from: 'submitted', to: 'declined' },
  fund: { from: 'approved', to: 'funded' },
};

/** The status as the partner sees it at `now`. */
export function effectiveStatus(stored: ReferralStatus, expiresAt: Date, now: Date): ReferralStatus {
  return stored === 'offered' && expiresAt.getTime() <= now.getTime() ? 'expired' : stored;
}

/** The status an action needs, and the one it leads to. */
export function transitionOf(action: ReferralAction): { from: ReferralStatus; to: ReferralStatus } {
  return TRANSITIONS[action];
}

/** Whether `action` may be taken on a referral whose status is `status` now. */
export function canTake(action: ReferralAction, status: ReferralStatus): boolean {
  return TRANSITIONS[action].from === status;
}
