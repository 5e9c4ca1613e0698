/** Calendar dates without a time zone ("civil" dates), as `YYYY-MM-DD` strings or parts. */
export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isRealDate(d: CivilDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= 1 &&
    d.year <= 9999 &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** Parses a real `YYYY-MM-DD` date; throws RangeError otherwise. */
export function parseCivilDate(text: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!d || !isRealDate(d)) throw new RangeError(`not a real date (YYYY-MM-DD): '${text}'`);
  return d;
}

export function formatCivilDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** −1, 0 or 1 as a is before, equal to or after b. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a.year !== b.year ? Math.sign(a.year - b.year) : a.month !== b.month ? Math.sign(a.month - b.month) : Math.sign(a.day - b.day);
}

/**
 * Age in completed years on `on`. Someone born on 29 February becomes a year older on
 * 1 March in common years. Throws if `on` is before `birth`.
 */
export function ageOn(birth: CivilDate, on: CivilDate): number {
  if (compareCivilDates(on, birth) < 0) throw new RangeError('date is before the birth date');
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Today's date in China Standard Time (UTC+8, no daylight saving) for an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
