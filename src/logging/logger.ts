import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * Paths pino blanks out wherever they appear in a log object. The request log line carries
 * no headers or bodies at all; this is the second fence.
 */
export const REDACTED_PATHS = [
  'authorization',
  'apiKey',
  'key',
  'secret',
  'idNumber',
  'phone',
  '*.authorization',
  '*.apiKey',
  '*.key',
  '*.secret',
  '*.idNumber',
  '*.phone',
  // A failed query's bound values (TypeORM's QueryFailedError, pg's error detail such as
  // "Key (x)=(…)") are request data: the statement and the error code are enough to debug.
  'err.parameters',
  'err.detail',
  'err.driverError.detail',
  'err.driverError.parameters',
];

/**
 * The process's one pino logger: JSON lines on stdout (written asynchronously so a slow
 * reader of stdout never stalls request handling), or a given destination (tests).
 */
export function createRootLogger(config: AppConfig, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'guanxing-gateway' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * The access log: one line per request with fields the gateway chooses (ids, route, status,
 * latency), never headers or bodies, so it skips the redaction pass the root logger runs on
 * every line. Shares the root logger's destination.
 */
export function createAccessLogger(config: AppConfig, root: Logger): Logger {
  const destination = (root as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  return pino({ level: config.logLevel, base: { service: 'guanxing-gateway' } }, destination);
}
