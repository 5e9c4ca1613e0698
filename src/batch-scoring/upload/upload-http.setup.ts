import multipart from '@fastify/multipart';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildProblem } from '../../common/errors/problem.js';
import { sendProblem } from '../../common/errors/problem.filter.js';
import { BATCH_SCORING_OPTIONS, type BatchScoringOptions } from '../batch-scoring.options.js';
import { contentLengthOf, mediaType, UploadBody } from './upload-body.js';

/** The one route that takes a streamed body. */
export const UPLOAD_ROUTE = '/v1/batch-scoring-jobs';
export const CSV_TYPE = 'text/csv';
export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson'] as const;
export const MULTIPART_TYPE = 'multipart/form-data';
const STREAM_TYPES = new Set<string>([CSV_TYPE, ...NDJSON_TYPES, MULTIPART_TYPE]);

/**
 * Teaches Fastify the upload media types without loosening any other route. Nest registers
 * every route on the root instance, so the parsers are root-wide; an `onRequest` hook
 * answers 415 (the same problem Fastify gives for an unknown type) when one of these types
 * reaches any route but the upload. CSV and NDJSON bodies are passed through unread
 * (`UploadBody`); multipart goes through @fastify/multipart's streaming `request.file()`.
 */
@Injectable()
export class UploadHttpSetup implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(BATCH_SCORING_OPTIONS) private readonly options: BatchScoringOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', refuseStreamTypesElsewhere);
    fastify.addContentTypeParser([CSV_TYPE, ...NDJSON_TYPES], (request, payload, done) => {
      done(null, new UploadBody(mediaType(request.headers['content-type']), contentLengthOf(request.headers['content-length']), queryOf(request), payload));
    });
    if (!fastify.hasRequestDecorator('isMultipart')) {
      // One file part; its size is policed by the ingest's own byte count (+1 so it can see the excess).
      await fastify.register(multipart, { limits: { files: 1, fields: 10, parts: 20, fileSize: this.options.maxBytes + 1 } });
    }
    // A multipart body is read through request.file(): give the fingerprint something stable too.
    fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      if (isUploadRoute(request) && mediaType(request.headers['content-type']) === MULTIPART_TYPE && request.body === undefined) {
        request.body = new UploadBody(MULTIPART_TYPE, contentLengthOf(request.headers['content-length']), queryOf(request));
      }
      done();
    });
  }
}

function queryOf(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? '' : request.url.slice(at + 1);
}

function isUploadRoute(request: FastifyRequest): boolean {
  return request.method === 'POST' && request.routeOptions.url === UPLOAD_ROUTE;
}

function refuseStreamTypesElsewhere(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  if (request.method === 'GET' || request.method === 'HEAD' || request.routeOptions.url === undefined || isUploadRoute(request)) return done();
  if (!STREAM_TYPES.has(mediaType(request.headers['content-type']))) return done();
  const problem = buildProblem(
    { status: 415, code: 'unsupported_media_type', detail: 'Unsupported Content-Type; this endpoint accepts application/json.' },
    request.url.split('?')[0] ?? request.url,
    String(request.id),
  );
  sendProblem(reply, problem);
}
