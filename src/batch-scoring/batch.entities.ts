/** The batch-scoring domain's entities, registered in database/entities.ts. */
export const BATCH_ENTITIES: (new () => object)[] = [];
