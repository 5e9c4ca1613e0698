import fc from 'fast-check';
import { addMonthsClamped, daysBetween, daysInMonth, dueDates, formatIsoDate, parseIsoDate, toDayNumber } from './due-dates.js';

const civil = (text: string) => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(`bad test date ${text}`);
  return date;
};

describe('parseIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const text of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-05', '20250105', '2025-01-05T00:00:00Z', '']) {
      expect([text, parseIsoDate(text)]).toEqual([text, undefined]);
    }
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it('round-trips through formatIsoDate', () => {
    expect(formatIsoDate(civil('0999-01-09'))).toBe('0999-01-09');
    expect(formatIsoDate(civil('2026-12-01'))).toBe('2026-12-01');
  });
});

describe('due dates', () => {
  it('clamps to month end and always counts from the start date (31 Jan → 29 Feb → 31 Mar)', () => {
    expect(dueDates(civil('2024-01-31'), 4)).toEqual(['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']);
    expect(dueDates(civil('2025-01-31'), 2)).toEqual(['2025-02-28', '2025-03-31']);
    expect(dueDates(civil('2025-11-30'), 3)).toEqual(['2025-12-30', '2026-01-30', '2026-02-28']);
    expect(dueDates(civil('2099-12-15'), 1)).toEqual(['2100-01-15']);
  });

  it('are strictly increasing, clamp properly and sit k months after the start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 9900 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 60 }),
        (year, month, rawDay, terms) => {
          const start = { year, month, day: Math.min(rawDay, daysInMonth(year, month)) };
          const dates = dueDates(start, terms);
          expect(dates).toHaveLength(terms);
          let previous = toDayNumber(start);
          dates.forEach((text, index) => {
            const due = parseIsoDate(text);
            if (!due) throw new Error(`not a date: ${text}`);
            const monthsApart = due.year * 12 + due.month - (start.year * 12 + start.month);
            expect(monthsApart).toBe(index + 1);
            expect(due.day).toBe(Math.min(start.day, daysInMonth(due.year, due.month)));
            expect(toDayNumber(due)).toBeGreaterThan(previous);
            previous = toDayNumber(due);
          });
        },
      ),
    );
  });

  it('adds negative months too', () => {
    expect(formatIsoDate(addMonthsClamped(civil('2024-03-31'), -1))).toBe('2024-02-29');
    expect(formatIsoDate(addMonthsClamped(civil('2024-01-15'), -13))).toBe('2022-12-15');
  });
});

describe('day counting', () => {
  it('counts actual days across leap years and centuries', () => {
    expect(toDayNumber(civil('1970-01-01'))).toBe(0);
    expect(daysBetween(civil('2024-02-01'), civil('2024-03-01'))).toBe(29);
    expect(daysBetween(civil('2023-02-01'), civil('2023-03-01'))).toBe(28);
    expect(daysBetween(civil('2000-01-01'), civil('2001-01-01'))).toBe(366);
    expect(daysBetween(civil('2100-01-01'), civil('2101-01-01'))).toBe(365);
    expect(daysBetween(civil('2025-03-10'), civil('2025-03-01'))).toBe(-9);
  });

  it('advances by exactly one for each calendar day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9900 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const last = daysInMonth(year, month);
        const first = toDayNumber({ year, month, day: 1 });
        expect(toDayNumber({ year, month, day: last }) - first).toBe(last - 1);
        const next = addMonthsClamped({ year, month, day: 1 }, 1);
        expect(toDayNumber(next) - first).toBe(last);
      }),
    );
  });
});
