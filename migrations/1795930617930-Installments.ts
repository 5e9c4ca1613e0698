import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Installments1795930617930 implements MigrationInterface {
  name = 'Installments1795930617930';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "credit_lines" ("tenant_id" character varying(32) NOT NULL, "customer_ref" character varying(100) NOT NULL, "limit" bigint NOT NULL, "used" bigint NOT NULL DEFAULT '0', "currency" character varying(3) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_44546a9ae7463d7edf7af12db1" CHECK ("used" >= 0 AND "used" <= "limit"), CONSTRAINT "PK_d780bde8c7acb62f3e0af7ad7c0" PRIMARY KEY ("tenant_id", "customer_ref"))`);
    await queryRunner.query(`CREATE TABLE "installment_plans" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "customer_ref" character varying(100) NOT NULL, "quote_id" character varying(32) NOT NULL, "consent_id" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "currency" character varying(3) NOT NULL, "method" character varying(24) NOT NULL, "term_months" integer NOT NULL, "pricing" jsonb NOT NULL, "principal" bigint NOT NULL, "installment_amount" bigint NOT NULL, "total_interest" bigint NOT NULL, "total_fees" bigint NOT NULL, "total_repayable" bigint NOT NULL, "apr_percent" character varying(16) NOT NULL, "effective_annual_rate_percent" character varying(16) NOT NULL, "start_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "paid_off_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2bcdae2e05a4584743ee0d991db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3a2a36b199f0b7a0e492ce76d1" ON "installment_plans"  ("tenant_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f0cfdf1ce2bda68db60cf4056f" ON "installment_plans"  ("tenant_id", "customer_ref", "id") `);
    await queryRunner.query(`CREATE TABLE "installment_plan_installments" ("plan_id" character varying(32) NOT NULL, "n" integer NOT NULL, "due_date" date NOT NULL, "principal" bigint NOT NULL, "interest" bigint NOT NULL, "fee" bigint NOT NULL, "remaining_balance" bigint NOT NULL, "principal_paid" bigint NOT NULL DEFAULT '0', "interest_paid" bigint NOT NULL DEFAULT '0', "fee_paid" bigint NOT NULL DEFAULT '0', "interest_waived" bigint NOT NULL DEFAULT '0', "fee_waived" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_1dc7d0017d4516cd7fafff1ab00" PRIMARY KEY ("plan_id", "n"))`);
    await queryRunner.query(`CREATE TABLE "installment_quotes" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "customer_ref" character varying(100) NOT NULL, "amount" bigint NOT NULL, "currency" character varying(3) NOT NULL, "start_date" date NOT NULL, "pricing" jsonb NOT NULL, "options" jsonb NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1ac9d8ec2b013866709dee0a033" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8dd4ec7a63f4e0894b6960d973" ON "installment_quotes"  ("tenant_id", "customer_ref") `);
    await queryRunner.query(`CREATE TABLE "installment_repayments" ("id" character varying(32) NOT NULL, "tenant_id" character varying(32) NOT NULL, "plan_id" character varying(32) NOT NULL, "kind" character varying(16) NOT NULL, "amount" bigint NOT NULL, "currency" character varying(3) NOT NULL, "principal" bigint NOT NULL, "interest" bigint NOT NULL, "fees" bigint NOT NULL, "interest_waived" bigint NOT NULL DEFAULT '0', "fees_waived" bigint NOT NULL DEFAULT '0', "refund_due" bigint NOT NULL DEFAULT '0', "allocations" jsonb NOT NULL, "paid_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_64749bdcb50b85e7079ffc2bd25" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_787b60acdb50fe6cd36a9f24b1" ON "installment_repayments"  ("plan_id", "id") `);
    await queryRunner.query(`ALTER TABLE "installment_plan_installments" ADD CONSTRAINT "FK_55edee0eedf9b8f044f84afba9a" FOREIGN KEY ("plan_id") REFERENCES "installment_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "installment_repayments" ADD CONSTRAINT "FK_e51d17842125cbb524ae820c1c8" FOREIGN KEY ("plan_id") REFERENCES "installment_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "installment_repayments" DROP CONSTRAINT "FK_e51d17842125cbb524ae820c1c8"`);
    await queryRunner.query(`ALTER TABLE "installment_plan_installments" DROP CONSTRAINT "FK_55edee0eedf9b8f044f84afba9a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_787b60acdb50fe6cd36a9f24b1"`);
    await queryRunner.query(`DROP TABLE "installment_repayments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8dd4ec7a63f4e0894b6960d973"`);
    await queryRunner.query(`DROP TABLE "installment_quotes"`);
    await queryRunner.query(`DROP TABLE "installment_plan_installments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f0cfdf1ce2bda68db60cf4056f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3a2a36b199f0b7a0e492ce76d1"`);
    await queryRunner.query(`DROP TABLE "installment_plans"`);
    await queryRunner.query(`DROP TABLE "credit_lines"`);
  }
}
