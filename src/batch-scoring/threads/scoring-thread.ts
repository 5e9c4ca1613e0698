import { loadShippedModels } from '../../scoring/models/index.js';
import { ChunkScorer } from '../processing/chunk-scorer.js';
import type { ScoreReply, ScoreRequest } from './scoring-pool.js';
import { serveRequests, type ThreadError } from './thread-channel.js';
import { scoreStagedBlock } from './score-staged-block.js';

/** Worker thread: scores the staged rows of one chunk at a time with its own copy of the shipped models. */
const models = loadShippedModels();

serveRequests<ScoreRequest, ScoreReply>(
  (request) => {
    const scorer = new ChunkScorer(models, request.pins);
    const output = scoreStagedBlock(scorer, request.block);
    return { value: { output, summary: scorer.summary, rows: scorer.rows }, transfer: [output.buffer as ArrayBuffer] };
  },
  (err): ThreadError => ({ kind: 'internal', message: (err as Error)?.message ?? String(err) }),
);
