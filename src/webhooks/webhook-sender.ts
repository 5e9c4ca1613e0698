import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress, publicOnlyLookup } from './url-policy.js';

export interface SendResult {
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * One POST of a signed event. 2xx is delivered; anything else (status, timeout, refused
 * connection) is a failed attempt. Redirects are not followed (a 3xx is a failure: the
 * endpoint should be updated instead). The response body is drained, never stored.
 */
export function postEvent(url: string, body: string, headers: Record<string, string>, options: { timeoutMs: number; allowPrivate: boolean }): Promise<SendResult> {
  const started = Date.now();
  const target = new URL(url);
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const done = (statusCode: number | null, error: string | null): SendResult => ({
    delivered: statusCode !== null && statusCode >= 200 && statusCode < 300,
    statusCode,
    error,
    durationMs: Date.now() - started,
  });
  if (!options.allowPrivate && isIP(host) && !isPublicAddress(host)) {
    return Promise.resolve(done(null, `refusing to deliver to non-public address ${host}`));
  }
  return new Promise((resolve) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
        timeout: options.timeoutMs,
      },
      (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => resolve(done(res.statusCode ?? null, res.statusCode && res.statusCode >= 300 ? `HTTP ${res.statusCode}` : null)));
        res.on('error', (err) => resolve(done(res.statusCode ?? null, err.message)));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no response within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`no response within ${options.timeoutMs} ms`)));
    req.on('error', (err) => resolve(done(null, err.message.slice(0, 300))));
    req.end(body);
  });
}
