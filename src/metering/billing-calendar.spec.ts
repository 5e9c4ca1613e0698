import fc from 'fast-check';
import { billingMonthOf, localDate, parseBillingMonth } from './billing-calendar.js';

const SHANGHAI = 'Asia/Shanghai';

describe('billing calendar', () => {
  it('aligns months to midnight in UTC+8', () => {
    const month = billingMonthOf(new Date('2026-11-30T16:00:00Z'), SHANGHAI); // 1 Dec 00:00 in Shanghai
    expect(month.key).toBe('2026-12');
    expect(month.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(month.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(billingMonthOf(new Date('2026-11-30T15:59:59.999Z'), SHANGHAI).key).toBe('2026-11');
  });

  it('rolls over the year', () => {
    const month = billingMonthOf(new Date('2026-12-15T00:00:00Z'), SHANGHAI);
    expect(month.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(billingMonthOf(month.end, SHANGHAI).key).toBe('2027-01');
  });

  it('works for UTC and for zones with daylight saving', () => {
    expect(billingMonthOf(new Date('2026-03-31T23:59:59Z'), 'UTC').key).toBe('2026-03');
    const ny = billingMonthOf(new Date('2026-03-15T12:00:00Z'), 'America/New_York');
    expect(ny.start.toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(ny.end.toISOString()).toBe('2026-04-01T04:00:00.000Z');
  });

  it('every instant lies in its month, and months tile time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (instant) => {
        const month = billingMonthOf(instant, SHANGHAI);
        expect(month.start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(month.end.getTime()).toBeGreaterThan(instant.getTime());
        expect(billingMonthOf(month.end, SHANGHAI).start.getTime()).toBe(month.end.getTime());
      }),
    );
  });

  it('parses YYYY-MM and local dates', () => {
    expect(parseBillingMonth('2026-13', SHANGHAI)).toBeUndefined();
    expect(parseBillingMonth('2026-02', SHANGHAI)?.start.toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(localDate(new Date('2026-11-29T20:00:00Z'), SHANGHAI)).toBe('2026-11-30');
  });
});
