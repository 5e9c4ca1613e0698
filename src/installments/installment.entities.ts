/** The installments domain's entities, registered in database/entities.ts. */
export const INSTALLMENT_ENTITIES: (new () => object)[] = [];
