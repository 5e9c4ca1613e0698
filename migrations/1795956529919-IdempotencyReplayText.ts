import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A replay must return the first response's body as it was sent. `jsonb` normalises what it
 * stores (key order, duplicate keys, number spelling), so the body is kept as `json`: the
 * text as written. Records already stored keep jsonb's key order.
 */
export class IdempotencyReplayText1795956529919 implements MigrationInterface {
  name = 'IdempotencyReplayText1795956529919';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_records" ALTER COLUMN "response_body" TYPE json USING "response_body"::text::json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_records" ALTER COLUMN "response_body" TYPE jsonb USING "response_body"::jsonb`);
  }
}
