import { IdPipe } from '../common/validation/id.pipe.js';

/** Path ids of the referral routes: a malformed id names nothing (404 without a lookup). */
export const referralId = () => new IdPipe('ref', 'referral');
export const inboundReferralId = () => new IdPipe('ref', 'inbound referral');
export const lenderProductId = () => new IdPipe('lpr', 'lender product');
