import { BatchChunk } from './jobs/batch-chunk.entity.js';
import { BatchJob } from './jobs/batch-job.entity.js';

/** The batch-scoring domain's entities, registered in database/entities.ts. */
export const BATCH_ENTITIES: (new () => object)[] = [BatchJob, BatchChunk];
