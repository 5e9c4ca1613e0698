import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Metering1795931390147 implements MigrationInterface {
  name = 'Metering1795931390147';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "usage_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "tenant_id" character varying(32) NOT NULL, "api_key_id" character varying(32), "product" character varying(20) NOT NULL, "route" character varying(120) NOT NULL, "status_class" smallint NOT NULL, "billable" boolean NOT NULL, "calls" integer NOT NULL, "units" integer NOT NULL, "resource_id" character varying(64), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c9f17d50873fab2c46615f542bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0d8c75d30b551b2a235680d2f5" ON "usage_events"  ("resource_id") WHERE resource_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_dc7121a11f5c16e6496e3646a2" ON "usage_events"  ("tenant_id", "occurred_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_dc7121a11f5c16e6496e3646a2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0d8c75d30b551b2a235680d2f5"`);
    await queryRunner.query(`DROP TABLE "usage_events"`);
  }
}
