import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch scoring jobs and their finished chunks. Each job's staged rows and results live in
 * tables of their own (`batch_input_<job>`, `batch_results_<job>`), created and dropped by the
 * application (src/batch-scoring/storage/job-tables.ts), not by migrations.
 */
export class BatchScoring1795932261090 implements MigrationInterface {
  name = 'BatchScoring1795932261090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "batch_chunks" ("job_id" character varying(32) NOT NULL, "chunk_index" integer NOT NULL, "tenant_id" character varying(32) NOT NULL, "first_row" integer NOT NULL, "last_row" integer NOT NULL, "scored_rows" integer NOT NULL, "failed_rows" integer NOT NULL, "summary" jsonb NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4f55ac52c976ebc82fd3ae63360" PRIMARY KEY ("job_id", "chunk_index"))`);
    await queryRunner.query(`CREATE INDEX "IDX_58cb203176e6fb69408ff84e34" ON "batch_chunks"  ("tenant_id", "completed_at") `);
    await queryRunner.query(`CREATE TABLE "batch_jobs" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "api_key_id" character varying(32) NOT NULL, "mode" character varying(8) NOT NULL, "status" character varying(16) NOT NULL, "format" character varying(8) NOT NULL, "consent_attestation" character varying(200) NOT NULL, "model_pins" jsonb NOT NULL, "total_rows" integer NOT NULL, "invalid_rows" integer NOT NULL, "upload_bytes" bigint NOT NULL, "chunk_size" integer NOT NULL, "chunk_count" integer NOT NULL, "processed_rows" integer NOT NULL DEFAULT '0', "failed_rows" integer NOT NULL DEFAULT '0', "summary" jsonb, "failure_reason" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5e14ec2ea28d6eec97d9c7bdb0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_93e7b504bc693cbbf690461f74" ON "batch_jobs"  ("tenant_id", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The per-job tables go with their jobs.
    const tables = (await queryRunner.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^batch_(input|results)_bat_'`)) as { tablename: string }[];
    for (const { tablename } of tables) await queryRunner.query(`DROP TABLE "${tablename}"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_93e7b504bc693cbbf690461f74"`);
    await queryRunner.query(`DROP TABLE "batch_jobs"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_58cb203176e6fb69408ff84e34"`);
    await queryRunner.query(`DROP TABLE "batch_chunks"`);
  }
}
