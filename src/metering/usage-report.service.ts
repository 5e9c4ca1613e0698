import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ValidationFailedError, type FieldError } from '../common/errors/domain-error.js';
import { formatMoney } from '../common/money.js';
import { AppConfig } from '../config/app-config.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import { localDate, parseBillingMonth, startOfLocalDate } from './billing-calendar.js';
import type { AdminUsageQueryDto, StatementDto, UsageQueryDto, UsageRowDto } from './dto/usage.dto.js';
import type { UsageProduct } from './usage-event.entity.js';

const MAX_RANGE_DAYS = 366;

interface AggregateRow {
  period: string;
  tenant_id?: string;
  product?: string;
  api_key_id?: string | null;
  calls: string;
  units: string;
}

/** Usage reports and monthly statements, aggregated from the usage ledger in PostgreSQL. */
@Injectable()
export class UsageReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * The days a report covers, `YYYY-MM-DD` inclusive: as asked, else the month to date (a
   * missing `to` is today in the billing time zone, a missing `from` the 1st of `to`'s month).
   */
  private period(query: UsageQueryDto, now = new Date()): { from: string; to: string } {
    const today = localDate(now, this.config.billingTimeZone);
    const to = query.to ?? (query.from !== undefined && query.from > today ? query.from : today);
    return { from: query.from ?? `${to.slice(0, 7)}-01`, to };
  }

  /** A partner's own usage (scoped to its tenant). */
  async tenantUsage(tenantId: string, query: UsageQueryDto): Promise<UsageRowDto[]> {
    return (await this.aggregate({ ...query, tenantId }, query.groupBy === 'key' ? 'key' : 'product', false)).rows;
  }

  /** The operator's view across tenants, per tenant and product (or key), with the days it covers. */
  allUsage(query: AdminUsageQueryDto): Promise<{ rows: UsageRowDto[]; from: string; to: string }> {
    return this.aggregate(query, query.groupBy === 'key' ? 'key' : 'product', true);
  }

  async statement(tenant: Tenant, period: string, now = new Date()): Promise<StatementDto> {
    const month = parseBillingMonth(period, this.config.billingTimeZone);
    if (!month) throw new ValidationFailedError([{ field: 'period', message: 'period must be YYYY-MM' }]);
    const rows: { product: UsageProduct; units: string }[] = await this.db.query(
      `SELECT product, sum(units)::bigint AS units FROM usage_events
        WHERE tenant_id = $1 AND billable AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY product ORDER BY product`,
      [tenant.id, month.start, month.end],
    );
    const lines = rows.map((row) => {
      const units = Number(row.units);
      const priceMinor = tenant.plan.prices[row.product as keyof Tenant['plan']['prices']] ?? 0;
      return { product: row.product, units, unitPrice: formatMoney(priceMinor), amountMinor: units * priceMinor };
    });
    return {
      tenantId: tenant.id,
      period: month.key,
      periodStart: month.start.toISOString(),
      periodEnd: month.end.toISOString(),
      currency: tenant.currency,
      lines: lines.map(({ amountMinor, ...line }) => ({ ...line, amount: formatMoney(amountMinor) })),
      total: formatMoney(lines.reduce((sum, line) => sum + line.amountMinor, 0)),
      referralFees: await this.referralFees(tenant, month.start, month.end),
      final: now.getTime() >= month.end.getTime(),
    };
  }

  /** Referral fee records (the attribution of funded referrals) on either side of the tenant; sandbox funding earns nothing. */
  private async referralFees(tenant: Tenant, start: Date, end: Date): Promise<StatementDto['referralFees']> {
    const [row]: { earned_count: number; earned: string; owed_count: number; owed: string }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE referrer_tenant_id = $1)::int AS earned_count,
              coalesce(sum(fee) FILTER (WHERE referrer_tenant_id = $1), 0)::bigint AS earned,
              count(*) FILTER (WHERE lender_tenant_id = $1)::int AS owed_count,
              coalesce(sum(fee) FILTER (WHERE lender_tenant_id = $1), 0)::bigint AS owed
         FROM referral_fees
        WHERE (referrer_tenant_id = $1 OR lender_tenant_id = $1) AND mode = 'live' AND currency = $2 AND created_at >= $3 AND created_at < $4`,
      [tenant.id, tenant.currency, start, end],
    );
    return {
      earned: { count: row.earned_count, amount: formatMoney(Number(row.earned)) },
      owed: { count: row.owed_count, amount: formatMoney(Number(row.owed)) },
    };
  }

  private async aggregate(
    query: UsageQueryDto & { tenantId?: string },
    groupBy: 'product' | 'key',
    byTenant: boolean,
  ): Promise<{ rows: UsageRowDto[]; from: string; to: string }> {
    const days = this.period(query);
    const { from, to } = this.range(query, days);
    const zone = this.config.billingTimeZone;
    const granularity = query.granularity ?? 'day';
    const periodSql = granularity === 'month' ? `to_char(occurred_at AT TIME ZONE $3, 'YYYY-MM')` : `to_char(occurred_at AT TIME ZONE $3, 'YYYY-MM-DD')`;
    const groupSql = groupBy === 'key' ? 'api_key_id' : 'product';
    const params: unknown[] = [from, to, zone];
    let tenantFilter = '';
    if (query.tenantId) {
      params.push(query.tenantId);
      tenantFilter = `AND tenant_id = $${params.length}`;
    }
    const rows: AggregateRow[] = await this.db.query(
      `SELECT ${periodSql} AS period, ${byTenant ? 'tenant_id,' : ''} ${groupSql}, sum(calls)::bigint AS calls, sum(units)::bigint AS units
         FROM usage_events
        WHERE occurred_at >= $1 AND occurred_at < $2 ${tenantFilter}
        GROUP BY 1, ${byTenant ? 'tenant_id, ' : ''}${groupSql}
        ORDER BY 1, ${byTenant ? 'tenant_id, ' : ''}${groupSql}`,
      params,
    );
    const report = rows.map((row) => ({
      period: row.period,
      ...(byTenant ? { tenantId: row.tenant_id } : {}),
      ...(groupBy === 'key' ? { keyId: row.api_key_id ?? null } : { product: row.product }),
      calls: Number(row.calls),
      billableUnits: Number(row.units),
    }));
    return { rows: report, ...days };
  }

  /** `days` (resolved by `period`) as instants; errors name the bound the client sent. */
  private range(query: UsageQueryDto, days: { from: string; to: string }): { from: Date; to: Date } {
    const zone = this.config.billingTimeZone;
    const from = startOfLocalDate(days.from, zone);
    const lastDay = startOfLocalDate(days.to, zone);
    const errors: FieldError[] = [];
    if (!from) errors.push({ field: 'from', message: 'from must be a real date' });
    if (!lastDay) errors.push({ field: 'to', message: 'to must be a real date' });
    if (from && lastDay) {
      if (lastDay < from) errors.push({ field: 'to', message: 'to must not be before from' });
      // A range too long is the fault of the bound the client sent (`from` alone runs to today).
      else if ((lastDay.getTime() - from.getTime()) / 86_400_000 > MAX_RANGE_DAYS) {
        errors.push(query.to === undefined ? { field: 'from', message: `at most ${MAX_RANGE_DAYS} days before today; or pass to` } : { field: 'to', message: `at most ${MAX_RANGE_DAYS} days after from` });
      }
    }
    if (errors.length > 0 || !from || !lastDay) throw new ValidationFailedError(errors);
    // `to` is inclusive: the range ends at local midnight of the next day.
    const next = new Date(`${days.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { from, to: startOfLocalDate(next.toISOString().slice(0, 10), zone)! };
  }
}
