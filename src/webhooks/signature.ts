import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Guanxing-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">`, keyed with the
 * endpoint's signing secret (the whole `whsec_…` string, as UTF-8). The timestamp is signed
 * too, so a receiver that rejects old timestamps also rejects replays.
 */
export const SIGNATURE_HEADER = 'guanxing-signature';

export function signatureDigest(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureDigest(secret, timestamp, body)}`;
}

/**
 * The receiver's check (the README recipe, tested here): the header parses, the timestamp is
 * within `toleranceSeconds` of now, and one `v1` matches in constant time.
 */
export function verifySignature(header: string | undefined, body: string, secret: string, options: { toleranceSeconds?: number; now?: number } = {}): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isSafeInteger(t)) return false;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signatureDigest(secret, t, body), 'hex');
  return parts.some(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v) && timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
