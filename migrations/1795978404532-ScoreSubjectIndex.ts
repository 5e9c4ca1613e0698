import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner's latest score of a person, for a referral that names no score. On a large
 * score_decisions table, create it beforehand with CREATE INDEX CONCURRENTLY under this name:
 * this plain CREATE INDEX blocks decision writes while it builds.
 */
export class ScoreSubjectIndex1795978404532 implements MigrationInterface {
  name = 'ScoreSubjectIndex1795978404532';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "IDX_a16f8e02cc0c4c8d73456f8313" ON "score_decisions"  ("tenant_id", "mode", "id_number_hash", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_a16f8e02cc0c4c8d73456f8313"`);
  }
}
