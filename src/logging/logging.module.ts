import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * Paths pino blanks out wherever they appear in a log object. Request and response
 * serializers below already leave headers and bodies out; this is the second fence.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
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
  '*.*.idNumber',
  '*.*.phone',
];

type RawRequest = IncomingMessage & { id?: string; tenantId?: string };

/** JSON logs: one line per request with request id, tenant id, route, status and latency. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // nestjs-pino's default route pattern ('{/*splat}') is not matched by @fastify/middie here.
          forRoutes: [{ path: '*', method: RequestMethod.ALL }],
          pinoHttp: [
            {
              level: config.logLevel,
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              base: { service: 'guanxing-gateway' },
              // The adapter's genReqId already chose the id (from X-Request-Id or a new one).
              genReqId: (req: IncomingMessage) => (req as RawRequest).id ?? 'unknown',
              customProps: (req: IncomingMessage) => ({ tenantId: (req as RawRequest).tenantId }),
              customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
                err || res.statusCode >= 500 ? 'error' : 'info',
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics' },
            },
            ...(destination ? [destination] : []),
          ] as never,
        }),
      ],
    };
  }
}
