import { Module } from '@nestjs/common';

/** Installment quotes, plans and credit lines (DESIGN §3 Installments, §5). */
@Module({})
export class InstallmentsModule {}
