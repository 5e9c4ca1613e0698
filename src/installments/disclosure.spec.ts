import { buildSchedule, type SchedulePricing } from './domain/index.js';
import { disclosureText, groupedMoney } from './disclosure.js';
import type { QuoteOption } from './installment-quote.entity.js';

function option(amountMinor: number, termMonths: number, pricing: SchedulePricing): QuoteOption {
  return buildSchedule({ amountMinor, termMonths, startDate: '2026-12-01', pricing });
}

describe('groupedMoney', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [53_600, '536.00'],
    [643_200, '6,432.00'],
    [100_000_000, '1,000,000.00'],
    [-123_456, '-1,234.56'],
  ])('%i → %s', (minor, text) => {
    expect(groupedMoney(minor)).toBe(text);
  });
});

describe('disclosureText', () => {
  const fee = option(600_000, 12, { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' });

  it('states the monthly payment, the total with its cost, and the APR, in English and Chinese', () => {
    expect(disclosureText(fee, 'CNY', 'en')).toBe('You pay 12 monthly installments of CNY 536.00 (CNY 6,432.00 in total, including CNY 432.00 in fees). APR 13.03 %.');
    expect(disclosureText(fee, 'CNY', 'zh-CN')).toBe('分12期，每期还款 536.00 元，共计 6,432.00 元（含手续费 432.00 元），年化利率 13.03%。');
  });

  it('names a different last installment of a level plan', () => {
    const level = option(500_000, 18, { method: 'equal_installment', annualRatePercent: '12' });
    expect(disclosureText(level, 'CNY', 'en')).toBe(
      'You pay 18 monthly installments of CNY 304.91, the last one CNY 304.94 (CNY 5,488.41 in total, including CNY 488.41 in interest). APR 12.00 %.',
    );
    expect(disclosureText(level, 'CNY', 'zh-CN')).toBe('分18期，每期还款 304.91 元（末期 304.94 元），共计 5,488.41 元（含利息 488.41 元），年化利率 12.00%。');
  });

  it('describes falling installments of equal principal', () => {
    const falling = option(300_000, 3, { method: 'equal_principal', annualRatePercent: '12' });
    expect(disclosureText(falling, 'CNY', 'en')).toBe(
      'You pay 3 monthly installments, from CNY 1,030.00 falling to CNY 1,010.00 (CNY 3,060.00 in total, including CNY 60.00 in interest). APR 12.00 %.',
    );
    expect(disclosureText(falling, 'CNY', 'zh-CN')).toBe('分3期，首期还款 1,030.00 元，逐期递减至 1,010.00 元，共计 3,060.00 元（含利息 60.00 元），年化利率 12.00%。');
  });

  it('says when a plan costs nothing, and speaks of one installment in the singular', () => {
    const free = option(100_000, 1, { method: 'fee_per_period', feeRatePerPeriodPercent: '0' });
    expect(disclosureText(free, 'CNY', 'en')).toBe('You pay 1 monthly installment of CNY 1,000.00 (CNY 1,000.00 in total, with no interest or fees). APR 0.00 %.');
    expect(disclosureText(free, 'CNY', 'zh-CN')).toBe('分1期，还款 1,000.00 元，共计 1,000.00 元（无利息、无手续费），年化利率 0.00%。');
  });
});
