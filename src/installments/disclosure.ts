/**
 * The plain-language disclosure of a quoted option (DESIGN §3): what the shopper pays each
 * month, in total, what of that is cost, and the true APR, in the language of
 * `Accept-Language`. Pure text; amounts are grouped for reading ("6,432.00").
 */
import type { Language } from '../common/http/language.js';
import type { QuoteOption } from './installment-quote.entity.js';

export function groupedMoney(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const units = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${units}.${String(abs % 100).padStart(2, '0')}`;
}

/** How the installment amounts run: all the same, level with a different last one, or varying. */
type Shape = { kind: 'level'; amount: number } | { kind: 'level_last'; amount: number; last: number } | { kind: 'varying'; first: number; last: number };

function shapeOf(option: QuoteOption): Shape {
  const totals = option.schedule.map((line) => line.total);
  const first = totals[0] ?? 0;
  const last = totals[totals.length - 1] ?? 0;
  if (totals.every((total) => total === first)) return { kind: 'level', amount: first };
  if (totals.slice(0, -1).every((total) => total === first)) return { kind: 'level_last', amount: first, last };
  return { kind: 'varying', first, last };
}

export function disclosureText(option: QuoteOption, currency: string, language: Language): string {
  return language === 'zh-CN' ? chinese(option, currency) : english(option, currency);
}

function english(option: QuoteOption, currency: string): string {
  const money = (minor: number) => `${currency} ${groupedMoney(minor)}`;
  const n = option.termMonths;
  const shape = shapeOf(option);
  const plural = n === 1 ? 'installment' : 'installments';
  let payments: string;
  switch (shape.kind) {
    case 'level':
      payments = `You pay ${n} monthly ${plural} of ${money(shape.amount)}`;
      break;
    case 'level_last':
      payments = `You pay ${n} monthly ${plural} of ${money(shape.amount)}, the last one ${money(shape.last)}`;
      break;
    case 'varying':
      payments = `You pay ${n} monthly ${plural}, from ${money(shape.first)} ${shape.last < shape.first ? 'falling' : 'changing'} to ${money(shape.last)}`;
      break;
  }
  const costs = [
    ...(option.totalInterest > 0 ? [`${money(option.totalInterest)} in interest`] : []),
    ...(option.totalFees > 0 ? [`${money(option.totalFees)} in fees`] : []),
  ];
  const cost = costs.length > 0 ? `including ${costs.join(' and ')}` : 'with no interest or fees';
  return `${payments} (${money(option.totalRepayable)} in total, ${cost}). APR ${option.aprPercent} %.`;
}

function chinese(option: QuoteOption, currency: string): string {
  const money = (minor: number) => (currency === 'CNY' ? `${groupedMoney(minor)} 元` : `${currency} ${groupedMoney(minor)}`);
  const n = option.termMonths;
  const shape = shapeOf(option);
  let payments: string;
  switch (shape.kind) {
    case 'level':
      payments = n === 1 ? `分1期，还款 ${money(shape.amount)}` : `分${n}期，每期还款 ${money(shape.amount)}`;
      break;
    case 'level_last':
      payments = `分${n}期，每期还款 ${money(shape.amount)}（末期 ${money(shape.last)}）`;
      break;
    case 'varying':
      payments = `分${n}期，首期还款 ${money(shape.first)}，${shape.last < shape.first ? '逐期递减至' : '末期'} ${money(shape.last)}`;
      break;
  }
  const costs = [
    ...(option.totalInterest > 0 ? [`利息 ${money(option.totalInterest)}`] : []),
    ...(option.totalFees > 0 ? [`手续费 ${money(option.totalFees)}`] : []),
  ];
  const cost = costs.length > 0 ? `含${costs.join('、')}` : '无利息、无手续费';
  return `${payments}，共计 ${money(option.totalRepayable)}（${cost}），年化利率 ${option.aprPercent}%。`;
}
