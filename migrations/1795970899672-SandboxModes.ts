import type { MigrationInterface, QueryRunner } from 'typeorm';

const MODE_TABLES = ['consents', 'credit_lines', 'installment_plans', 'installment_quotes', 'score_decisions', 'webhook_deliveries'];

/**
 * Test keys work in the sandbox: consents, decisions, quotes, plans, credit lines and webhook
 * deliveries now belong to the mode of the key that made them, and each mode sees only its own
 * (batch jobs and webhook endpoints already recorded theirs; a tenant now has an endpoint per
 * mode). List indexes lead with tenant and mode.
 *
 * Existing rows get the mode that can be known: a decision its key's; everything of a tenant
 * that has only test keys (the development sandbox) `test`; a consent used only by sandbox
 * decisions `test`, and the plans (and their quotes) that name a sandbox consent. The rest
 * stays live, as it was used, so integrations in production keep their data.
 *
 * Deploy with the old replicas stopped: they write rows without a mode, and upsert credit lines
 * and webhook endpoints on keys this replaces.
 */
export class SandboxModes1795970899672 implements MigrationInterface {
  name = 'SandboxModes1795970899672';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_3a2a36b199f0b7a0e492ce76d1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f0cfdf1ce2bda68db60cf4056f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93e7b504bc693cbbf690461f74"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5f429cee1374be2205a9433eec"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b41a9153894afa48ae2cccd8de"`);
    for (const table of MODE_TABLES) await queryRunner.query(`ALTER TABLE "${table}" ADD "mode" character varying(8) NOT NULL DEFAULT 'live'`);

    // Decisions are immutable (a trigger refuses UPDATE); this one-off backfill is the exception.
    await queryRunner.query(`ALTER TABLE "score_decisions" DISABLE TRIGGER score_decisions_immutable`);
    await queryRunner.query(`UPDATE "score_decisions" d SET mode = 'test' FROM "api_keys" k WHERE k.id = d.api_key_id AND k.mode = 'test'`);
    await queryRunner.query(`ALTER TABLE "score_decisions" ENABLE TRIGGER score_decisions_immutable`);
    const sandboxTenants = `SELECT tenant_id FROM "api_keys" GROUP BY tenant_id HAVING bool_and(mode = 'test')`;
    for (const table of ['consents', 'credit_lines', 'installment_plans', 'installment_quotes']) {
      await queryRunner.query(`UPDATE "${table}" SET mode = 'test' WHERE tenant_id IN (${sandboxTenants})`);
    }
    await queryRunner.query(
      `UPDATE "consents" c SET mode = 'test'
        WHERE EXISTS (SELECT 1 FROM "score_decisions" d WHERE d.consent_id = c.id AND d.mode = 'test')
          AND NOT EXISTS (SELECT 1 FROM "score_decisions" d WHERE d.consent_id = c.id AND d.mode = 'live')`,
    );
    await queryRunner.query(`UPDATE "installment_plans" p SET mode = 'test' FROM "consents" c WHERE c.id = p.consent_id AND c.mode = 'test'`);
    await queryRunner.query(`UPDATE "installment_quotes" q SET mode = 'test' FROM "installment_plans" p WHERE p.quote_id = q.id AND p.mode = 'test'`);
    await queryRunner.query(`UPDATE "webhook_deliveries" d SET mode = e.mode FROM "webhook_endpoints" e WHERE e.id = d.endpoint_id`);
    for (const table of MODE_TABLES) await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "mode" DROP DEFAULT`);

    await queryRunner.query(`ALTER TABLE "credit_lines" DROP CONSTRAINT "PK_d780bde8c7acb62f3e0af7ad7c0"`);
    await queryRunner.query(`ALTER TABLE "credit_lines" ADD CONSTRAINT "PK_327a5be60469c2d0d4ea5b8e88a" PRIMARY KEY ("customer_ref", "tenant_id", "mode")`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "UQ_54847f2dacee9618585993f1474"`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "UQ_6a84757b52c4252e6972a821fba" UNIQUE ("tenant_id", "mode")`);
    await queryRunner.query(`CREATE INDEX "IDX_86b01c714dba268fb23dc8fd0c" ON "installment_plans"  ("tenant_id", "mode", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_218a5ab89869535221ffec2f68" ON "installment_plans"  ("tenant_id", "mode", "customer_ref", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_cc40111ec904123d17978d8902" ON "batch_jobs"  ("tenant_id", "mode", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_fb35a206cbbdebb41a0a19b0d1" ON "score_decisions"  ("tenant_id", "mode", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_2175b953e79512824276586646" ON "webhook_deliveries"  ("tenant_id", "mode", "id") `);
  }

  /** Back to one space per tenant: sandbox credit lines and endpoints that share a key with a live one are dropped (the live ones stay). */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_2175b953e79512824276586646"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fb35a206cbbdebb41a0a19b0d1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cc40111ec904123d17978d8902"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_218a5ab89869535221ffec2f68"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_86b01c714dba268fb23dc8fd0c"`);
    await queryRunner.query(
      `DELETE FROM "webhook_endpoints" t WHERE t.mode = 'test' AND EXISTS (SELECT 1 FROM "webhook_endpoints" l WHERE l.tenant_id = t.tenant_id AND l.mode = 'live')`,
    );
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "UQ_6a84757b52c4252e6972a821fba"`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "UQ_54847f2dacee9618585993f1474" UNIQUE ("tenant_id")`);
    await queryRunner.query(
      `DELETE FROM "credit_lines" t WHERE t.mode = 'test'
          AND EXISTS (SELECT 1 FROM "credit_lines" l WHERE l.tenant_id = t.tenant_id AND l.customer_ref = t.customer_ref AND l.mode = 'live')`,
    );
    await queryRunner.query(`ALTER TABLE "credit_lines" DROP CONSTRAINT "PK_327a5be60469c2d0d4ea5b8e88a"`);
    await queryRunner.query(`ALTER TABLE "credit_lines" ADD CONSTRAINT "PK_d780bde8c7acb62f3e0af7ad7c0" PRIMARY KEY ("tenant_id", "customer_ref")`);
    for (const table of [...MODE_TABLES].reverse()) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "mode"`);
    await queryRunner.query(`CREATE INDEX "IDX_b41a9153894afa48ae2cccd8de" ON "webhook_deliveries"  ("tenant_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_5f429cee1374be2205a9433eec" ON "score_decisions"  ("tenant_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_93e7b504bc693cbbf690461f74" ON "batch_jobs"  ("tenant_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f0cfdf1ce2bda68db60cf4056f" ON "installment_plans"  ("tenant_id", "customer_ref", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_3a2a36b199f0b7a0e492ce76d1" ON "installment_plans"  ("tenant_id", "id") `);
  }
}
