import { type DynamicModule, Global, Module } from '@nestjs/common';
import { availableParallelism } from 'node:os';

/**
 * Tunables of batch scoring. The defaults hold in every environment (they do not depend on
 * configuration); a deployment or a test can override them by importing
 * `BatchScoringOptionsModule.forRoot({...})`, which the module picks up if present.
 */
export interface BatchScoringOptions {
  /** Most rows one upload may hold; more → 413 and nothing stored. */
  maxRows: number;
  /** Most bytes one upload may hold (the file as sent); more → 413 and nothing stored. */
  maxBytes: number;
  /** Rows per chunk job. */
  chunkSize: number;
  /** Chunks one worker process scores at a time (one scores while another reads or writes). */
  chunkConcurrency: number;
  /** Attempts per chunk before it counts as failed (infrastructure errors only: bad rows never fail a chunk). */
  chunkAttempts: number;
  /** An accepted job whose flow was not enqueued after this long is enqueued by the recovery sweep. */
  recoverAfterMs: number;
  /** Parse uploads and score chunks on worker threads (off the event loop); false: in-process. */
  threads: boolean;
  /** Scoring threads per worker process (with `threads`); chunks beyond them wait their turn. */
  scoringThreads: number;
}

export const DEFAULT_BATCH_SCORING_OPTIONS: Readonly<BatchScoringOptions> = Object.freeze({
  maxRows: 1_000_000,
  maxBytes: 512 * 1024 * 1024,
  chunkSize: 5_000,
  chunkConcurrency: 2,
  chunkAttempts: 8,
  recoverAfterMs: 30_000,
  threads: true,
  scoringThreads: Math.max(1, availableParallelism() - 1),
});

/** Partial overrides, provided by `BatchScoringOptionsModule` (optional). */
export const BATCH_SCORING_OVERRIDES = Symbol('BatchScoringOverrides');
/** The resolved options, injected by the domain's services. */
export const BATCH_SCORING_OPTIONS = Symbol('BatchScoringOptions');

export function resolveBatchScoringOptions(overrides: Partial<BatchScoringOptions> | undefined): BatchScoringOptions {
  const options = { ...DEFAULT_BATCH_SCORING_OPTIONS, ...overrides };
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'boolean') continue;
    if (!Number.isSafeInteger(value) || value < (name === 'scoringThreads' ? 0 : 1)) throw new RangeError(`batch scoring option ${name} must be a positive integer, got ${value}`);
  }
  return options;
}

@Global()
@Module({})
export class BatchScoringOptionsModule {
  static forRoot(overrides: Partial<BatchScoringOptions>): DynamicModule {
    return {
      module: BatchScoringOptionsModule,
      providers: [{ provide: BATCH_SCORING_OVERRIDES, useValue: overrides }],
      exports: [BATCH_SCORING_OVERRIDES],
    };
  }
}
