import { ROW_FIELDS } from '../rows/row-fields.js';

/**
 * The downloadable CSV template: every accepted column (the score request fields by dotted
 * path, plus externalRef) and two example rows, a consumer with a bureau record and a
 * merchant scored on cash flow. Empty cells are absent fields; lists are `;`-separated.
 */
const EXAMPLES: Record<string, string>[] = [
  {
    externalRef: 'loan-000123',
    product: 'consumer',
    'applicant.idNumber': '11010519491231002X',
    'applicant.phone': '13800138000',
    'application.amount': '8000.00',
    'application.currency': 'CNY',
    'application.termMonths': '12',
    'application.purpose': 'consumer_goods',
    'bureau.revolvingUtilization': '0.35',
    'bureau.pastDue30to59': '0',
    'bureau.pastDue60to89': '0',
    'bureau.pastDue90Plus': '0',
    'bureau.debtRatio': '0.3',
    'bureau.monthlyIncome': '12000.00',
    'bureau.openCreditLines': '5',
    'bureau.realEstateLoans': '1',
    'bureau.dependents': '1',
    'identity.verified': 'true',
  },
  {
    externalRef: 'merchant-0042',
    product: 'merchant',
    'applicant.idNumber': '11010519491231002X',
    'application.amount': '50000.00',
    'application.currency': 'CNY',
    'application.termMonths': '12',
    'application.purpose': 'working_capital',
    'cashFlow.monthlyRevenue': '42000.00;39000.00;45000.00',
    'cashFlow.monthsTrading': '30',
    'cashFlow.sector': 'grocery',
  },
];

export function csvTemplate(): string {
  const columns = ROW_FIELDS.map((f) => f.path);
  return [columns.join(','), ...EXAMPLES.map((row) => columns.map((c) => row[c] ?? '').join(','))].join('\r\n') + '\r\n';
}
