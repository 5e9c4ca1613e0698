import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import type { FieldError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { BATCH_SCORING_OPTIONS, type BatchScoringOptions } from '../batch-scoring.options.js';
import { BatchTooLargeError, MalformedUploadError } from '../batch-errors.js';
import type { UploadFormat } from '../jobs/batch-job.entity.js';
import { RowPreparer } from '../rows/row-preparation.js';
import { StagedRowEncoder } from '../rows/staged-row-encoder.js';
import { ThreadChannel, ThreadFailure, threadScript } from './thread-channel.js';

export type IngestRequest =
  | { op: 'open'; session: number; format: UploadFormat; today: string; maxRows: number; chunkSize: number }
  | { op: 'push'; session: number; text: string }
  | { op: 'end'; session: number }
  | { op: 'close'; session: number };

export interface IngestReply {
  /** COPY text (UTF-8) of the chunk blocks completed by this piece of the upload (often none). */
  copy: Uint8Array;
  rows: number;
  invalidRows: number;
}

/** One upload's encoder: on the ingest thread, or in-process when threads are off. */
export interface UploadEncoder {
  push(text: string): Promise<IngestReply>;
  end(): Promise<IngestReply>;
  close(): void;
}

/**
 * Where uploads are parsed, checked, hashed and encoded: a worker thread (one per api
 * process, uploads take turns in it), or in-process when the thread script is not there
 * (tests run the TypeScript sources) or `ingestThread` is off.
 */
@Injectable()
export class IngestPool implements OnModuleDestroy {
  private channel?: ThreadChannel<IngestRequest, IngestReply>;
  private nextSession = 1;
  private readonly script = threadScript('./ingest-thread.js', import.meta.url);
  private readonly piiSecret: string;

  constructor(
    config: AppConfig,
    @Inject(BATCH_SCORING_OPTIONS) private readonly options: BatchScoringOptions,
  ) {
    this.piiSecret = config.piiHashSecret;
  }

  async open(format: UploadFormat, today: string): Promise<UploadEncoder> {
    if (!this.script || !this.options.threads) {
      return inlineEncoder(new StagedRowEncoder(format, new RowPreparer(Buffer.from(this.piiSecret, 'utf8'), today), this.options.maxRows, this.options.chunkSize));
    }
    if (this.channel && !this.channel.alive) this.channel = undefined; // a crashed thread is replaced, not reused
    this.channel ??= new ThreadChannel(new Worker(this.script, { workerData: { piiSecret: this.piiSecret }, resourceLimits: { maxYoungGenerationSizeMb: 32 } }));
    const channel = this.channel;
    const session = this.nextSession++;
    await channel.request({ op: 'open', session, format, today, maxRows: this.options.maxRows, chunkSize: this.options.chunkSize });
    const call = (request: IngestRequest) => channel.request(request).catch((err: unknown) => Promise.reject(domainError(err)));
    return {
      push: (text) => call({ op: 'push', session, text }),
      end: () => call({ op: 'end', session }),
      close: () => void channel.request({ op: 'close', session }).catch(() => undefined),
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.channel?.close();
  }
}

function inlineEncoder(encoder: StagedRowEncoder): UploadEncoder {
  const reply = (text: string): IngestReply => ({ copy: Buffer.from(text, 'utf8'), rows: encoder.rows, invalidRows: encoder.invalidRows });
  return {
    push: (text) => Promise.resolve().then(() => reply(encoder.push(text))),
    end: () => Promise.resolve().then(() => reply(encoder.end())),
    close: () => undefined,
  };
}

/** The thread's errors back as the domain errors they were. */
function domainError(err: unknown): Error {
  if (!(err instanceof ThreadFailure)) return err as Error;
  const { kind, message, details } = err.error;
  if (kind === 'too_large') {
    const limit = (details?.limit ?? {}) as { rows?: number; bytes?: number };
    return limit.rows !== undefined ? new BatchTooLargeError('rows', limit.rows) : new BatchTooLargeError('bytes', limit.bytes ?? 0);
  }
  if (kind === 'malformed') {
    const [first] = (details?.errors ?? []) as FieldError[];
    return new MalformedUploadError(first?.field ?? 'body', first?.message ?? message);
  }
  return new Error(message);
}
