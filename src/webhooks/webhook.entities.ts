/** The webhooks domain's entities, registered in database/entities.ts. */
export const WEBHOOK_ENTITIES: (new () => object)[] = [];
