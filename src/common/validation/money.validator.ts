import { Matches, type ValidationOptions } from 'class-validator';
import { MONEY_PATTERN } from '../money.js';

/** A non-negative amount as a decimal string with exactly two fraction digits ("6000.00"). */
export const IsMoneyString = (options: ValidationOptions = {}) =>
  Matches(MONEY_PATTERN, { message: '$property must be a decimal string with exactly 2 fraction digits, e.g. "6000.00"', ...options });
