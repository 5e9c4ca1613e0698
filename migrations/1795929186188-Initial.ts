import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795929186188 implements MigrationInterface {
  name = 'Initial1795929186188';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "tenants" ("id" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "currency" character varying(3) NOT NULL DEFAULT 'CNY', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "plan_monthly_quota" integer NOT NULL, "plan_rate_limit_per_second" integer NOT NULL, "plan_prices" jsonb NOT NULL, CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(24) NOT NULL, "secret_hash" character(64) NOT NULL, "scopes" text array NOT NULL, "mode" character varying(8) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3ac18429c8d27858d79432e0dd" ON "api_keys"  ("tenant_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fef9aa4a1cf4f8c063ac5d75f2" ON "api_keys"  ("secret_hash") `);
    await queryRunner.query(`CREATE TABLE "idempotency_records" ("scope" character varying(40) NOT NULL, "key" character varying(255) NOT NULL, "fingerprint" character(64) NOT NULL, "state" character varying(12) NOT NULL, "response_status" integer, "response_body" jsonb, "response_headers" jsonb NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9c03b6adebf385ca991d085063a" PRIMARY KEY ("scope", "key"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b3482fdd761179f433dab212e7" ON "idempotency_records"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_3ac18429c8d27858d79432e0dda" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_3ac18429c8d27858d79432e0dda"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b3482fdd761179f433dab212e7"`);
    await queryRunner.query(`DROP TABLE "idempotency_records"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fef9aa4a1cf4f8c063ac5d75f2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3ac18429c8d27858d79432e0dd"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "tenants"`);
  }
}
