import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * INSERT without TypeORM writing database defaults back into the objects: it copies the
 * RETURNING values raw, bypassing column transformers, so a bigint default would come back as
 * the string "0". The rows passed in are complete already and stay exactly as given.
 */
export async function insertRows<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, rows: E | E[]): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows)
    .updateEntity(false)
    .execute();
}
