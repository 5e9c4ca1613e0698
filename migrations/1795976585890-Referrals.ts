import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals (DESIGN §3): lender products, referrals with their ranked offers, and the referral
 * fee of each funded referral. New tables only; nothing existing changes. (Amended before its
 * first release: purpose widened to 40 characters, the expiry job's partial index added.)
 */
export class Referrals1795976585890 implements MigrationInterface {
  name = 'Referrals1795976585890';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "lender_products" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "mode" character varying(8) NOT NULL, "name" character varying(100) NOT NULL, "product" character varying(16) NOT NULL, "status" character varying(8) NOT NULL, "currency" character varying(3) NOT NULL, "min_credit_score" smallint NOT NULL, "max_credit_score" smallint NOT NULL, "max_fraud_score" smallint, "min_amount" bigint NOT NULL, "max_amount" bigint NOT NULL, "term_months" smallint array NOT NULL, "regions" character varying(2) array NOT NULL, "pricing" jsonb NOT NULL, "referral_fee_percent" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_4f227bb682d9c1ba556f87f521" CHECK ("min_credit_score" <= "max_credit_score"), CONSTRAINT "CHK_9f27b1e83a48a15414a4ef9595" CHECK ("min_amount" > 0 AND "min_amount" <= "max_amount"), CONSTRAINT "PK_2ab56cd7f34576978c3df46a90b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bb82641772872eef86db91258c" ON "lender_products"  ("mode", "product", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_880d3c211aace4859654462904" ON "lender_products"  ("tenant_id", "mode", "id") `);
    await queryRunner.query(`CREATE TABLE "referral_fees" ("referral_id" character varying(32) NOT NULL, "referrer_tenant_id" character varying(32) NOT NULL, "lender_tenant_id" character varying(32) NOT NULL, "mode" character varying(8) NOT NULL, "lender_product_id" character varying(32) NOT NULL, "funded_amount" bigint NOT NULL, "fee_percent" character varying(16) NOT NULL, "fee" bigint NOT NULL, "currency" character varying(3) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_69c0390e046663085d3dcc65ab2" PRIMARY KEY ("referral_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_cf5b70fe999f5ee9679b9e94df" ON "referral_fees"  ("lender_tenant_id", "mode", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_1a21482a0a09d1c115eba306e2" ON "referral_fees"  ("referrer_tenant_id", "mode", "created_at") `);
    await queryRunner.query(`CREATE TABLE "referral_offers" ("id" character varying(32) NOT NULL, "referral_id" character varying(32) NOT NULL, "rank" smallint NOT NULL, "lender_tenant_id" character varying(32) NOT NULL, "lender_name" character varying(200) NOT NULL, "lender_product_id" character varying(32) NOT NULL, "product_name" character varying(100) NOT NULL, "amount" bigint NOT NULL, "currency" character varying(3) NOT NULL, "term_months" smallint NOT NULL, "pricing" jsonb NOT NULL, "installment_amount" bigint NOT NULL, "total_interest" bigint NOT NULL, "total_fees" bigint NOT NULL, "total_repayable" bigint NOT NULL, "apr_percent" character varying(12) NOT NULL, "referral_fee_percent" character varying(16) NOT NULL, CONSTRAINT "PK_0bdcd1f321e7ddae66e84a3d712" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_70fc15a2394ffdb380be42659b" ON "referral_offers"  ("referral_id", "rank") `);
    await queryRunner.query(`CREATE TABLE "referrals" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "mode" character varying(8) NOT NULL, "api_key_id" character varying(32) NOT NULL, "consent_id" character varying(32) NOT NULL, "score_id" character varying(32) NOT NULL, "product" character varying(16) NOT NULL, "id_number_hash" character(64) NOT NULL, "customer_ref" character varying(100), "residence_region" character varying(2), "amount" bigint NOT NULL, "currency" character varying(3) NOT NULL, "term_months" smallint NOT NULL, "purpose" character varying(40), "score" jsonb NOT NULL, "status" character varying(12) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_offer_id" character varying(32), "lender_tenant_id" character varying(32), "submitted_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "approved_amount" bigint, "decline_reason" character varying(64), "funded_amount" bigint, "funded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_79aad9eaac8626fe3bef6e3e16" ON "referrals"  ("lender_tenant_id", "mode", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_19f90776c197c200a737444b38" ON "referrals"  ("tenant_id", "mode", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_referrals_offered_expiry" ON "referrals"  ("expires_at") WHERE "status" = 'offered'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_offered_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_19f90776c197c200a737444b38"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_79aad9eaac8626fe3bef6e3e16"`);
    await queryRunner.query(`DROP TABLE "referrals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_70fc15a2394ffdb380be42659b"`);
    await queryRunner.query(`DROP TABLE "referral_offers"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1a21482a0a09d1c115eba306e2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cf5b70fe999f5ee9679b9e94df"`);
    await queryRunner.query(`DROP TABLE "referral_fees"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_880d3c211aace4859654462904"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bb82641772872eef86db91258c"`);
    await queryRunner.query(`DROP TABLE "lender_products"`);
  }
}
