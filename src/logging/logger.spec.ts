import { Writable } from 'node:stream';
import type { AppConfig } from '../config/app-config.js';
import { createRootLogger } from './logger.js';

/** A destination that keeps every line written. */
function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  return { lines, stream };
}

describe('root logger redaction', () => {
  it("blanks PII fields and a failed query's bound values, keeping the statement and code", () => {
    const { lines, stream } = capture();
    const logger = createRootLogger({ logLevel: 'info' } as AppConfig, stream);
    // The shape of TypeORM's QueryFailedError around a pg error.
    const err = Object.assign(new Error('duplicate key value violates unique constraint "pk"'), {
      query: 'INSERT INTO consents (id, customer_ref) VALUES ($1, $2)',
      parameters: ['cns_1', '13800138000'],
      code: '23505',
      detail: 'Key (customer_ref)=(13800138000) already exists.',
      driverError: { code: '23505', detail: 'Key (customer_ref)=(13800138000) already exists.' },
    });
    logger.error({ err, applicant: { idNumber: '11010519491231002X', phone: '13800138000' } }, 'unhandled error');
    const line = lines.join('\n');
    expect(line).not.toContain('13800138000');
    expect(line).not.toContain('11010519491231002X');
    const logged = JSON.parse(lines[0]) as { err: Record<string, unknown> };
    expect(logged.err).toMatchObject({ query: err.query, code: '23505', parameters: '[redacted]', detail: '[redacted]', driverError: { detail: '[redacted]' } });
  });
});
