import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Test keys work in the sandbox: consents, decisions, quotes, plans and credit lines now belong
 * to the mode of the key that made them, and each mode sees only its own (batch jobs already
 * recorded theirs). Rows from before this name no mode: they stay live, as they were used, so
 * integrations in production keep their data. List indexes lead with tenant and mode.
 */
export class SandboxModes1795970899672 implements MigrationInterface {
  name = 'SandboxModes1795970899672';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_3a2a36b199f0b7a0e492ce76d1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f0cfdf1ce2bda68db60cf4056f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93e7b504bc693cbbf690461f74"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5f429cee1374be2205a9433eec"`);
    await queryRunner.query(`ALTER TABLE "consents" ADD "mode" character varying(8) NOT NULL DEFAULT 'live'`);
    await queryRunner.query(`ALTER TABLE "consents" ALTER COLUMN "mode" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "credit_lines" ADD "mode" character varying(8) NOT NULL DEFAULT 'live'`);
    await queryRunner.query(`ALTER TABLE "credit_lines" ALTER COLUMN "mode" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "credit_lines" DROP CONSTRAINT "PK_d780bde8c7acb62f3e0af7ad7c0"`);
    await queryRunner.query(`ALTER TABLE "credit_lines" ADD CONSTRAINT "PK_327a5be60469c2d0d4ea5b8e88a" PRIMARY KEY ("customer_ref", "tenant_id", "mode")`);
    await queryRunner.query(`ALTER TABLE "installment_plans" ADD "mode" character varying(8) NOT NULL DEFAULT 'live'`);
    await queryRunner.query(`ALTER TABLE "installment_plans" ALTER COLUMN "mode" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "installment_quotes" ADD "mode" character varying(8) NOT NULL DEFAULT 'live'`);
    await queryRunner.query(`ALTER TABLE "installment_quotes" ALTER COLUMN "mode" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "score_decisions" ADD "mode" character varying(8) NOT NULL DEFAULT 'live'`);
    await queryRunner.query(`ALTER TABLE "score_decisions" ALTER COLUMN "mode" DROP DEFAULT`);
    await queryRunner.query(`CREATE INDEX "IDX_86b01c714dba268fb23dc8fd0c" ON "installment_plans"  ("tenant_id", "mode", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_218a5ab89869535221ffec2f68" ON "installment_plans"  ("tenant_id", "mode", "customer_ref", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_cc40111ec904123d17978d8902" ON "batch_jobs"  ("tenant_id", "mode", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_fb35a206cbbdebb41a0a19b0d1" ON "score_decisions"  ("tenant_id", "mode", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_fb35a206cbbdebb41a0a19b0d1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cc40111ec904123d17978d8902"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_218a5ab89869535221ffec2f68"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_86b01c714dba268fb23dc8fd0c"`);
    await queryRunner.query(`ALTER TABLE "score_decisions" DROP COLUMN "mode"`);
    await queryRunner.query(`ALTER TABLE "installment_quotes" DROP COLUMN "mode"`);
    await queryRunner.query(`ALTER TABLE "installment_plans" DROP COLUMN "mode"`);
    await queryRunner.query(`ALTER TABLE "credit_lines" DROP CONSTRAINT "PK_327a5be60469c2d0d4ea5b8e88a"`);
    await queryRunner.query(`ALTER TABLE "credit_lines" ADD CONSTRAINT "PK_d780bde8c7acb62f3e0af7ad7c0" PRIMARY KEY ("customer_ref", "tenant_id")`);
    await queryRunner.query(`ALTER TABLE "credit_lines" DROP COLUMN "mode"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP COLUMN "mode"`);
    await queryRunner.query(`CREATE INDEX "IDX_5f429cee1374be2205a9433eec" ON "score_decisions" USING btree ("id", "tenant_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_93e7b504bc693cbbf690461f74" ON "batch_jobs" USING btree ("id", "tenant_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f0cfdf1ce2bda68db60cf4056f" ON "installment_plans" USING btree ("id", "tenant_id", "customer_ref") `);
    await queryRunner.query(`CREATE INDEX "IDX_3a2a36b199f0b7a0e492ce76d1" ON "installment_plans" USING btree ("id", "tenant_id") `);
  }
}
