import fc from 'fast-check';
import { ageOn, chinaDate, daysInMonth, formatCivilDate, parseCivilDate } from './civil-date.js';
import { PROVINCE_REGIONS, provinceRegion } from './regions.js';
import { normalizeResidentId, residentIdCheckCharacter, validateResidentId } from './resident-id.js';

const TODAY = '2026-11-29';

/** A valid 17-digit body: known region, real birth date between 1900 and today, any sequence. */
const validBody = fc
  .record({
    region: fc.constantFrom(...PROVINCE_REGIONS.map((r) => r.code)),
    area: fc.integer({ min: 0, max: 9999 }),
    year: fc.integer({ min: 1900, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, area, year, month, dayFraction, seq }) => {
    const day = 1 + Math.floor(dayFraction * daysInMonth(year, month));
    const date = formatCivilDate({ year, month, day }).replaceAll('-', '');
    return `${region}${String(area).padStart(4, '0')}${date}${String(seq).padStart(3, '0')}`;
  });

describe('resident ID number', () => {
  it('accepts the GB 11643 sample with check character X and derives birth date, age and region', () => {
    const r = validateResidentId('11010519491231002X', TODAY);
    expect(r).toMatchObject({ valid: true, wellFormed: true, reasons: [], birthDate: '1949-12-31', age: 76 });
    expect(r.region).toEqual({ code: '11', en: 'Beijing', 'zh-CN': '北京市' });
    expect(r.reason).toBeUndefined();
  });

  it('accepts a lower-case x and surrounding spaces, normalising them', () => {
    const r = validateResidentId('  11010519491231002x ', TODAY);
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('11010519491231002X');
    expect(normalizeResidentId(' 11010519491231002x')).toBe('11010519491231002X');
  });

  it('computes the MOD 11-2 check character, including X for 10', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4');
    expect(() => residentIdCheckCharacter('1234')).toThrow(RangeError);
  });

  it('valid bodies with their check character always validate', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const id = body + residentIdCheckCharacter(body);
        const r = validateResidentId(id, TODAY);
        expect(r.valid).toBe(true);
        expect(r.birthDate).toBe(`${body.slice(6, 10)}-${body.slice(10, 12)}-${body.slice(12, 14)}`);
        expect(r.region?.code).toBe(body.slice(0, 2));
      }),
    );
  });

  it('any single-digit change in the first 17 digits breaks the check', () => {
    fc.assert(
      fc.property(validBody, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const id = body + residentIdCheckCharacter(body);
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        const r = validateResidentId(changed, TODAY);
        expect(r.valid).toBe(false);
        expect(r.reasons).toContain('checksum_mismatch');
      }),
    );
  });

  it('any other check character is rejected', () => {
    fc.assert(
      fc.property(validBody, fc.constantFrom(...'0123456789X'), (body, c) => {
        fc.pre(c !== residentIdCheckCharacter(body));
        const r = validateResidentId(body + c, TODAY);
        expect(r).toMatchObject({ valid: false, wellFormed: true, reason: 'checksum_mismatch' });
      }),
    );
  });

  it('reports malformed input separately from invalid input', () => {
    for (const bad of ['', '1234', '11010519491231002XX', '1101051949123100X2', '11010519491231002Y', '110105 19491231002X', '１１０１０５１９４９１２３１００２X']) {
      expect(validateResidentId(bad, TODAY)).toEqual({ valid: false, wellFormed: false, reason: 'malformed', reasons: ['malformed'] });
    }
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    for (const date of ['19490230', '19491301', '19490000', '20230229', '18991231']) {
      const body = `110105${date}002`;
      const r = validateResidentId(body + residentIdCheckCharacter(body), TODAY);
      expect(r).toMatchObject({ valid: false, wellFormed: true, reason: 'invalid_birth_date' });
      expect(r.birthDate).toBeUndefined();
      expect(r.age).toBeUndefined();
    }
    const leap = '110105' + '20240229' + '002';
    expect(validateResidentId(leap + residentIdCheckCharacter(leap), TODAY).valid).toBe(true);
  });

  it('rejects birth dates after "today" and accepts one on "today"', () => {
    const future = '110105' + '20261130' + '002';
    expect(validateResidentId(future + residentIdCheckCharacter(future), TODAY).reason).toBe('birth_date_in_future');
    const born = '110105' + '20261129' + '002';
    expect(validateResidentId(born + residentIdCheckCharacter(born), TODAY)).toMatchObject({ valid: true, age: 0 });
    // The same number is in the future on an earlier "today".
    expect(validateResidentId(born + residentIdCheckCharacter(born), '2026-11-28').reason).toBe('birth_date_in_future');
  });

  it('rejects unknown region codes', () => {
    for (const region of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55', '60', '66', '70', '72', '80', '83', '91', '99']) {
      expect(provinceRegion(region)).toBeUndefined();
      const body = `${region}0105199001010012`.slice(0, 17);
      const r = validateResidentId(body + residentIdCheckCharacter(body), TODAY);
      expect(r).toMatchObject({ valid: false, reason: 'unknown_region' });
    }
  });

  it('ships all 34 province-level regions with English and Chinese names', () => {
    expect(PROVINCE_REGIONS).toHaveLength(34);
    expect(provinceRegion('44')).toEqual({ code: '44', en: 'Guangdong', 'zh-CN': '广东省' });
    expect(provinceRegion('81')?.['zh-CN']).toBe('香港特别行政区');
    for (const r of PROVINCE_REGIONS) expect(r.en.length > 0 && r['zh-CN'].length > 0).toBe(true);
  });

  it('lists every failing check, checksum first', () => {
    const r = validateResidentId('990105' + '20301301' + '0021', TODAY);
    expect(r.reasons).toEqual(['checksum_mismatch', 'unknown_region', 'invalid_birth_date']);
    expect(r.reason).toBe('checksum_mismatch');
  });

  it('requires a real "today"', () => {
    expect(() => validateResidentId('11010519491231002X', '2026-02-30')).toThrow(RangeError);
  });
});

describe('dates and ages', () => {
  it('counts completed years, birthday included', () => {
    const birth = parseCivilDate('1990-03-07');
    expect(ageOn(birth, parseCivilDate('2026-03-06'))).toBe(35);
    expect(ageOn(birth, parseCivilDate('2026-03-07'))).toBe(36);
    expect(ageOn(birth, parseCivilDate('1990-03-07'))).toBe(0);
    expect(() => ageOn(birth, parseCivilDate('1990-03-06'))).toThrow(RangeError);
  });

  it('ages a 29 February birthday on 1 March in common years', () => {
    const birth = parseCivilDate('2004-02-29');
    expect(ageOn(birth, parseCivilDate('2026-02-28'))).toBe(21);
    expect(ageOn(birth, parseCivilDate('2026-03-01'))).toBe(22);
    expect(ageOn(birth, parseCivilDate('2028-02-29'))).toBe(24);
  });

  it('age is non-decreasing in the reference date and grows by exactly one a year', () => {
    const date = fc.record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 400 }), (birth, years, extraDays) => {
        const later = { ...birth, year: birth.year + years };
        expect(ageOn(birth, later)).toBe(years);
        const d = new Date(Date.UTC(later.year, later.month - 1, later.day + extraDays));
        const after = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
        expect(ageOn(birth, after)).toBeGreaterThanOrEqual(years);
        expect(ageOn(birth, after)).toBeLessThanOrEqual(years + 2);
      }),
    );
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseCivilDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '1900-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-04-31']) {
      expect(() => parseCivilDate(bad)).toThrow(RangeError);
    }
    expect(parseCivilDate('2000-02-29').day).toBe(29);
  });

  it('gives the date in China (UTC+8)', () => {
    expect(chinaDate(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(chinaDate(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });
});
