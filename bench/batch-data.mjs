// Portfolio rows for bench:batch: a deterministic mix of bureau consumers, thin-file shoppers,
// merchants and a few bad rows, as CSV text. Fictitious people (valid check digits only).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const AREAS = ['110105', '310101', '440305', '330106', '510104', '420102'];

export function residentId(n) {
  const body = `${AREAS[n % AREAS.length]}${1955 + (n % 48)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}

export const COLUMNS = [
  'externalRef', 'product', 'applicant.idNumber', 'applicant.phone',
  'application.amount', 'application.currency', 'application.termMonths',
  'bureau.revolvingUtilization', 'bureau.pastDue30to59', 'bureau.pastDue60to89', 'bureau.pastDue90Plus', 'bureau.debtRatio',
  'bureau.monthlyIncome', 'bureau.openCreditLines', 'bureau.realEstateLoans', 'bureau.dependents',
  'behaviour.accountAgeMonths', 'behaviour.orders12m', 'behaviour.spend12m', 'behaviour.returnRate',
  'identity.verified', 'cashFlow.monthlyRevenue', 'cashFlow.monthsTrading', 'cashFlow.sector',
];

/** Row n (0-based) as a CSV line: 70 % bureau consumers, 20 % thin file, 9.9 % merchants, 0.1 % bad ID numbers. */
export function csvRow(n) {
  const ref = `acct-${n}`;
  const id = n % 1000 === 999 ? `BAD${n}` : residentId(n);
  const phone = `139${String(n % 100000000).padStart(8, '0')}`;
  const kind = n % 10;
  if (kind < 7) {
    return `${ref},consumer,${id},${phone},${8000 + (n % 50) * 100}.00,CNY,12,0.${String(n % 100).padStart(2, '0')},${n % 3},0,${n % 17 === 0 ? 1 : 0},0.${(n % 9) + 1},${6000 + (n % 40) * 500}.00,${n % 12},${n % 3},${n % 4},,,,,true,,,\n`;
  }
  if (kind < 9) {
    return `${ref},consumer,${id},${phone},3000.00,CNY,6,,,,,,,,,,${n % 120},${n % 200},${(n % 90) * 100}.00,0.0${n % 10},${n % 2 === 0},,,\n`;
  }
  return `${ref},merchant,${id},,50000.00,CNY,12,,,,,,,,,,,,,,,${30000 + (n % 20) * 1000}.00;${28000 + (n % 30) * 1000}.00;${35000 + (n % 10) * 1000}.00,${n % 60},grocery\n`;
}
