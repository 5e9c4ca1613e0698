import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consents belong to the mode of the key that recorded them: a sandbox consent must never
 * authorise live processing. Consents recorded before this name no key, so their mode is
 * unknown: they stay live, as they were used, so that integrations in production keep working.
 */
export class ConsentMode1796055000000 implements MigrationInterface {
  name = 'ConsentMode1796055000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consents" ADD "mode" character varying(8) NOT NULL DEFAULT 'live'`);
    await queryRunner.query(`ALTER TABLE "consents" ALTER COLUMN "mode" DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consents" DROP COLUMN "mode"`);
  }
}
