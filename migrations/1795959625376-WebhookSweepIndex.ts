import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The minutely sweep's lookup: deliveries recorded but never attempted (a lost enqueue). */
export class WebhookSweepIndex1795959625376 implements MigrationInterface {
  name = 'WebhookSweepIndex1795959625376';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_unsent" ON "webhook_deliveries"  ("created_at") WHERE status = 'pending' AND attempts = 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_webhook_deliveries_unsent"`);
  }
}
