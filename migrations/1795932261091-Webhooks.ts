import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook endpoints (one per tenant, secret encrypted), deliveries (one per event) and every attempt. */
export class Webhooks1795932261091 implements MigrationInterface {
  name = 'Webhooks1795932261091';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_attempts" ("id" BIGSERIAL NOT NULL, "delivery_id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "attempt" integer NOT NULL, "url" character varying(2048) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "status_code" smallint, "error" character varying(300), "delivered" boolean NOT NULL, CONSTRAINT "PK_2de7e7887ad97de459adab62638" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5ec32a71f45112dcc2ef75373a" ON "webhook_attempts"  ("delivery_id", "attempt") `);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "endpoint_id" character varying(32) NOT NULL, "event_type" character varying(64) NOT NULL, "subject_id" character varying(32) NOT NULL, "payload" text NOT NULL, "status" character varying(12) NOT NULL, "attempts" integer NOT NULL, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" smallint, "last_error" character varying(300), "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fc0b6349d81ea1e55afdceda73" ON "webhook_deliveries"  ("subject_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_b41a9153894afa48ae2cccd8de" ON "webhook_deliveries"  ("tenant_id", "id") `);
    await queryRunner.query(`CREATE TABLE "webhook_endpoints" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "url" character varying(2048) NOT NULL, "events" text array NOT NULL, "secret_ciphertext" text NOT NULL, "secret_hint" character varying(16) NOT NULL, "mode" character varying(8) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_54847f2dacee9618585993f1474" UNIQUE ("tenant_id"), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b41a9153894afa48ae2cccd8de"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fc0b6349d81ea1e55afdceda73"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5ec32a71f45112dcc2ef75373a"`);
    await queryRunner.query(`DROP TABLE "webhook_attempts"`);
  }
}
