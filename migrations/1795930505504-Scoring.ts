import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scoring1795930505504 implements MigrationInterface {
  name = 'Scoring1795930505504';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "score_decisions" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "api_key_id" character varying(32) NOT NULL, "consent_id" character varying(32), "product" character varying(16) NOT NULL, "model_version" character varying(64) NOT NULL, "input_digest" character(64) NOT NULL, "id_number_hash" character(64) NOT NULL, "credit_score" smallint NOT NULL, "fraud_score" smallint NOT NULL, "grade" character(1) NOT NULL, "decision" character varying(8) NOT NULL, "credit_limit_minor" bigint NOT NULL, "currency" character varying(3) NOT NULL, "apr_percent" character varying(12) NOT NULL, "reasons" jsonb NOT NULL, "fraud_reasons" jsonb NOT NULL, "decision_reasons" text array NOT NULL, "degraded" boolean NOT NULL, "degraded_reasons" text array NOT NULL, "latency_micros" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6eb9c266e74321d1fd67697635f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_5f429cee1374be2205a9433eec" ON "score_decisions"  ("tenant_id", "id") `);
    // Existing tenants get no pins; the default is dropped so new rows state theirs explicitly.
    await queryRunner.query(`ALTER TABLE "tenants" ADD "model_pins" jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await queryRunner.query(`ALTER TABLE "tenants" ALTER COLUMN "model_pins" DROP DEFAULT`);
    // Decisions are an audit record: written once, never changed or deleted.
    await queryRunner.query(
      `CREATE FUNCTION forbid_score_decision_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'score decisions are immutable'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER score_decisions_immutable BEFORE UPDATE OR DELETE ON "score_decisions" FOR EACH ROW EXECUTE FUNCTION forbid_score_decision_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER score_decisions_immutable ON "score_decisions"`);
    await queryRunner.query(`DROP FUNCTION forbid_score_decision_change()`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "model_pins"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5f429cee1374be2205a9433eec"`);
    await queryRunner.query(`DROP TABLE "score_decisions"`);
  }
}
