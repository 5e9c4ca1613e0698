import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1","type":"batch_job.completed"}';
  const now = 1_800_000_000_000;
  const t = now / 1000;

  it('is t=<unix>,v1=<hex HMAC-SHA-256 of "t.body"> under the secret', () => {
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`);
  });

  it('verifies the right body and secret within the tolerance only', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifySignature(header, body, secret, { now })).toBe(true);
    expect(verifySignature(header, `${body} `, secret, { now })).toBe(false);
    expect(verifySignature(header, body, 'whsec_other', { now })).toBe(false);
    expect(verifySignature(header, body, secret, { now: now + 301_000 })).toBe(false);
    expect(verifySignature(undefined, body, secret, { now })).toBe(false);
    expect(verifySignature('t=abc,v1=00', body, secret, { now })).toBe(false);
    // Several v1 values (e.g. during a rotation): any one may match.
    expect(verifySignature(`t=${t},v1=${'0'.repeat(64)},v1=${header.split('v1=')[1]}`, body, secret, { now })).toBe(true);
  });
});
