import { LenderProduct } from './lender-product.entity.js';
import { ReferralFee } from './referral-fee.entity.js';
import { ReferralOffer } from './referral-offer.entity.js';
import { Referral } from './referral.entity.js';

/** The referrals domain's entities, registered in database/entities.ts. */
export const REFERRAL_ENTITIES: (new () => object)[] = [LenderProduct, Referral, ReferralOffer, ReferralFee];
