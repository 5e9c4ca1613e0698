/**
 * Calendar months in the billing time zone (Asia/Shanghai by default: UTC+8, no DST). Quotas
 * reset and statements close at local midnight on the 1st.
 */
export interface BillingMonth {
  /** `YYYY-MM` */
  key: string;
  /** First instant of the month (inclusive). */
  start: Date;
  /** First instant of the next month (exclusive) = when the quota resets. */
  end: Date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (local = utc + offset). */
function offsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The UTC instant of local midnight on `year-month-day` in `timeZone`. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle the offset even across a DST change near midnight.
  let instant = guess - offsetMs(new Date(guess), timeZone);
  instant = guess - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

export function billingMonthOf(instant: Date, timeZone: string): BillingMonth {
  const local = new Date(instant.getTime() + offsetMs(instant, timeZone));
  return billingMonth(local.getUTCFullYear(), local.getUTCMonth() + 1, timeZone);
}

export function billingMonth(year: number, month: number, timeZone: string): BillingMonth {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    key: `${year}-${String(month).padStart(2, '0')}`,
    start: zonedMidnight(year, month, 1, timeZone),
    end: zonedMidnight(next.year, next.month, 1, timeZone),
  };
}

/** `YYYY-MM` → its billing month, or undefined when malformed. */
export function parseBillingMonth(key: string, timeZone: string): BillingMonth | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!match) return undefined;
  return billingMonth(Number(match[1]), Number(match[2]), timeZone);
}

/** Local calendar date `YYYY-MM-DD` of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + offsetMs(instant, timeZone)).toISOString().slice(0, 10);
}

/** Local midnight of a `YYYY-MM-DD` date in `timeZone`, or undefined when it is not a real date. */
export function startOfLocalDate(date: string, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return zonedMidnight(year, month, day, timeZone);
}
