import { parse } from 'csv-parse/sync';
import type { TestApp } from '../../support/test-app.js';

export const TERMINAL = ['completed', 'failed', 'cancelled'];

export type Auth = Record<string, string>;

/** A JSON object from the API, read loosely (tests assert on its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** A CSV text from a header and rows (cells are written as given: quote them yourself). */
export function csvText(columns: string[], rows: (string | number | undefined)[][]): string {
  return [columns.join(','), ...rows.map((r) => r.map((c) => (c === undefined ? '' : String(c))).join(','))].join('\n') + '\n';
}

export function uploadCsv(api: TestApp, auth: Auth, csv: string | Buffer, attestation = 'consent-register#1') {
  return api.http().post(`/v1/batch-scoring-jobs?consentAttestation=${encodeURIComponent(attestation)}`).set(auth).set('content-type', 'text/csv; charset=utf-8').send(csv);
}

export function uploadNdjson(api: TestApp, auth: Auth, lines: unknown[] | string, attestation = 'consent-register#1') {
  const body = typeof lines === 'string' ? lines : lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
  return api.http().post(`/v1/batch-scoring-jobs?consentAttestation=${encodeURIComponent(attestation)}`).set(auth).set('content-type', 'application/x-ndjson').send(body);
}

/** Polls the job until it reaches a terminal status (or `statuses`). */
export async function waitForJob(api: TestApp, auth: Auth, id: string, timeoutMs = 30_000, statuses = TERMINAL): Promise<Json> {
  const started = Date.now();
  for (;;) {
    const res = await api.http().get(`/v1/batch-scoring-jobs/${id}`).set(auth);
    if (res.status !== 200) throw new Error(`GET job: ${res.status} ${JSON.stringify(res.body)}`);
    if (statuses.includes(res.body.status)) return res.body;
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${res.body.status} after ${timeoutMs} ms: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function ndjsonResults(api: TestApp, auth: Auth, id: string, language?: string): Promise<Json[]> {
  const req = api.http().get(`/v1/batch-scoring-jobs/${id}/results`).set(auth).set('accept', 'application/x-ndjson');
  if (language) req.set('accept-language', language);
  const res = await req.buffer(true).parse(textParser);
  if (res.status !== 200) throw new Error(`results: ${res.status} ${String(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return (res.body as string).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json);
}

export async function csvResults(api: TestApp, auth: Auth, id: string): Promise<Record<string, string>[]> {
  const res = await api.http().get(`/v1/batch-scoring-jobs/${id}/results`).set(auth).set('accept', 'text/csv').buffer(true).parse(textParser);
  if (res.status !== 200) throw new Error(`results: ${res.status} ${String(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  return parse<Record<string, string>>(res.body as string, { columns: true });
}

/** supertest parser that keeps the body as text, whatever the content type. */
export function textParser(response: unknown, callback: (err: Error | null, body: string) => void): void {
  const res = response as NodeJS.ReadableStream;
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => callback(null, text));
  res.on('error', (err: Error) => callback(err, text));
}
