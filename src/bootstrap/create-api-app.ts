import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { Logger as PinoLogger } from 'pino';
import { AppModule, type AppModuleOptions } from '../app.module.js';
import { frameworkErrorHandler, ProblemFilter } from '../common/errors/problem.filter.js';
import { RouteIndex } from '../common/errors/route-index.js';
import { refuseDeepJson } from '../common/validation/json-depth.js';
import { createValidationPipe } from '../common/validation/validation-pipe.js';
import { redactPersonalIdentifiers } from '../identity/domain/personal-identifiers.js';
import { ACCESS_LOGGER } from '../logging/logging.module.js';
import { PinoNestLogger } from '../logging/pino-nest-logger.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { buildOpenApiDocument, loadSwaggerPluginMetadata } from '../openapi/openapi-document.js';
import { requestIdFor } from './request-id.js';

/** Hard ceiling for a multipart file part; batch uploads apply their own, lower, byte limit. */
const MULTIPART_FILE_LIMIT = 8 * 1024 ** 3;

export type ApiAppOptions = Omit<AppModuleOptions, 'http'> & {
  /** Build the module graph without instantiating providers (no connections): for the OpenAPI generator. */
  preview?: boolean;
};

/**
 * Builds the HTTP application with every cross-cutting convention of DESIGN §2 wired in.
 * `main.ts`, the tests and the OpenAPI generator all start from here, so what the tests
 * exercise is what production runs.
 */
export async function createApiApp(options: ApiAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIdFor,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
    // The gateway has no Nest middleware: without middie, requests skip its matching pass.
    // (Adding a NestMiddleware or app.use() means registering @fastify/middie here first.)
    skipMiddie: true,
  });
  const routes = new RouteIndex();
  const fastify = adapter.getInstance();
  fastify.addHook('onRoute', (route) => routes.add(route.url, route.method));
  // JSON only: other media types answer 415 (batch uploads register their own parsers).
  fastify.removeContentTypeParser(['text/plain']);
  // An empty body under a JSON content type is no body, as if the header were absent: many
  // clients send the header on every POST, also on actions that take none (revoke, cancel,
  // retry). A create route answers 400, as it does to a request without a body.
  const parseJson = fastify.getDefaultJsonParser(fastify.initialConfig.onProtoPoisoning ?? 'error', fastify.initialConfig.onConstructorPoisoning ?? 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) return done(null, undefined);
    void parseJson(request, body as string, done); // the default parser answers through `done`
  });
  fastify.addHook('preValidation', refuseDeepJson);
  // Multipart (batch file uploads) must be registered before Nest sets up its error handling:
  // a plugin registered later re-orders Fastify's boot and bypasses the problem+json layer.
  // File size is policed by the batch ingest itself, which counts bytes as it streams.
  await fastify.register(multipart, { limits: { files: 1, fields: 10, parts: 20, fileSize: MULTIPART_FILE_LIMIT } });

  await loadSwaggerPluginMetadata();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register({ ...options, http: true }), adapter, {
    bufferLogs: !options.preview,
    bodyParser: false,
    preview: options.preview,
    logger: options.preview ? false : undefined,
  });
  if (options.preview) return app;
  app.useLogger(app.get(PinoNestLogger));
  app.useSecurityHeaders();
  app.useGlobalFilters(new ProblemFilter(routes));
  app.useGlobalPipes(createValidationPipe());

  const metrics = app.get(MetricsService);
  const log = app.get<PinoLogger>(ACCESS_LOGGER);
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (route === '/health/live' || route === '/metrics') return;
    // One line per request: id, tenant, route, status, latency. Never headers or bodies.
    log[reply.statusCode >= 500 ? 'error' : 'info'](
      {
        // The path as requested, less any ID or phone number a client put in it (an unmatched
        // route or a malformed id is logged as sent otherwise).
        req: { id: request.id, method: request.method, path: redactPersonalIdentifiers(request.url.split('?')[0]), route },
        res: { statusCode: reply.statusCode },
        tenantId: request.principal?.tenantId,
        responseTime: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    );
  });

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: '/openapi.json', customSiteTitle: 'Guanxing Gateway API' });

  await app.init();
  await fastify.ready();
  return app;
}
