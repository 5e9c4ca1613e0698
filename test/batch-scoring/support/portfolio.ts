import { residentIdCheckCharacter } from '../../../src/identity/domain/resident-id.js';

/** Fictitious but valid ID number n (deterministic, distinct for n < 1,000,000 per area). */
export function portfolioId(n: number): string {
  const body = `3101011${String(960 + (n % 40)).padStart(3, '0')}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

export const PORTFOLIO_COLUMNS = [
  'externalRef',
  'product',
  'applicant.idNumber',
  'applicant.phone',
  'application.amount',
  'application.currency',
  'application.termMonths',
  'bureau.revolvingUtilization',
  'bureau.debtRatio',
  'bureau.monthlyIncome',
  'bureau.pastDue30to59',
  'cashFlow.monthlyRevenue',
  'cashFlow.monthsTrading',
];

/** A CSV portfolio of `rows` rows: bureau consumers, thin-file consumers and merchants. */
export function portfolioCsv(rows: number): string {
  const lines = [PORTFOLIO_COLUMNS.join(',')];
  for (let n = 0; n < rows; n++) {
    const id = portfolioId(n);
    const phone = `139${String(n).padStart(8, '0')}`;
    if (n % 10 < 7) lines.push(`r-${n},consumer,${id},${phone},8000.00,CNY,12,0.${n % 100},0.${(n % 9) + 1},${6000 + (n % 40) * 500}.00,${n % 3},,`);
    else if (n % 10 < 9) lines.push(`r-${n},consumer,${id},${phone},3000.00,CNY,6,,,,,,`);
    else lines.push(`r-${n},merchant,${id},,50000.00,CNY,12,,,,,${30000 + (n % 20) * 1000}.00;41000.00;39000.00,${n % 60}`);
  }
  return `${lines.join('\n')}\n`;
}
