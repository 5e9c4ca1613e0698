/**
 * The referral lifecycle (DESIGN §3): `offered → submitted → approved | declined`, then
 * `approved → funded`; an offered referral nobody accepted becomes `expired` at its
 * `expiresAt`. Expiry is derived when read, never stored, so it needs no job and cannot lag.
 */

export const REFERRAL_STATUSES = ['offered', 'submitted', 'approved', 'declined', 'funded', 'expired'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What is stored: every status but `expired`, which is derived. */
export type StoredReferralStatus = Exclude<ReferralStatus, 'expired'>;

export type ReferralAction = 'accept' | 'approve' | 'decline' | 'fund';

const TRANSITIONS: Record<ReferralAction, { from: StoredReferralStatus; to: StoredReferralStatus }> = {
  accept: { from: 'offered', to: 'submitted' },
  approve: { from: 'submitted', to: 'approved' },
  decline: { from: 'submitted', to: 'declined' },
  fund: { from: 'approved', to: 'funded' },
};

/** The status as the partner sees it at `now`. */
export function effectiveStatus(stored: StoredReferralStatus, expiresAt: Date, now: Date): ReferralStatus {
  return stored === 'offered' && expiresAt.getTime() <= now.getTime() ? 'expired' : stored;
}

/** The status an action needs, and the one it leads to. */
export function transitionOf(action: ReferralAction): { from: StoredReferralStatus; to: StoredReferralStatus } {
  return TRANSITIONS[action];
}

/** Whether `action` may be taken on a referral whose status is `status` now. */
export function canTake(action: ReferralAction, status: ReferralStatus): boolean {
  return TRANSITIONS[action].from === status;
}
