import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsentsAndIdentityChecks1795930026461 implements MigrationInterface {
  name = 'ConsentsAndIdentityChecks1795930026461';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "consents" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "customer_ref" character varying(100), "id_number_hash" character(64), "phone_hash" character(64), "purposes" text array NOT NULL, "status" character varying(16) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "evidence" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3b92c33a64ba95cb081e8688f4" ON "consents"  ("tenant_id", "customer_ref") `);
    await queryRunner.query(`CREATE TABLE "consent_uses" ("resource_id" character varying(32) NOT NULL, "consent_id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "purpose" character varying(24) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c4b9969fbc84af26f4b7d2498fe" PRIMARY KEY ("resource_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f6a5246b2122e56bd5bbb3c4af" ON "consent_uses"  ("consent_id", "used_at") `);
    await queryRunner.query(`CREATE TABLE "identity_checks" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "id_number_hash" character(64), "phone_hash" character(64), "valid" boolean NOT NULL, "result" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04b6460e0e9b64eec1f50196b04" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d648685166c0d98731394bb5fc" ON "identity_checks"  ("tenant_id", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_d648685166c0d98731394bb5fc"`);
    await queryRunner.query(`DROP TABLE "identity_checks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f6a5246b2122e56bd5bbb3c4af"`);
    await queryRunner.query(`DROP TABLE "consent_uses"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3b92c33a64ba95cb081e8688f4"`);
    await queryRunner.query(`DROP TABLE "consents"`);
  }
}
