import { BUREAU_CHARACTERISTICS, type CharacteristicInfo } from './characteristic-catalogue.js';

/**
 * Known public data sets: how their columns map to API field names, what to leave out, and
 * the texts of their characteristics. Chosen by header (`--preset auto`, the default).
 */
export interface DatasetPreset {
  id: string;
  description: string;
  /** The preset applies when the header contains all of these columns. */
  signature: readonly string[];
  columnMapping: Readonly<Record<string, string>>;
  /** Source columns always left out, with the reason recorded in the model. */
  drop: Readonly<Record<string, string>>;
  characteristics: Readonly<Record<string, CharacteristicInfo>>;
  codePrefix: string;
}

/**
 * Kaggle "Give Me Some Credit" → the API's bureau section. `age` is dropped as a protected
 * attribute (age as such must never produce points or a reason), `id` as an identifier.
 */
export const GIVE_ME_SOME_CREDIT: DatasetPreset = {
  id: 'gmsc',
  description: 'Kaggle "Give Me Some Credit" (2011) cs-training.csv',
  signature: ['SeriousDlqin2yrs', 'RevolvingUtilizationOfUnsecuredLines', 'NumberOfTimes90DaysLate'],
  columnMapping: {
    RevolvingUtilizationOfUnsecuredLines: 'revolvingUtilization',
    'NumberOfTime30-59DaysPastDueNotWorse': 'pastDue30to59',
    'NumberOfTime60-89DaysPastDueNotWorse': 'pastDue60to89',
    NumberOfTimes90DaysLate: 'pastDue90Plus',
    DebtRatio: 'debtRatio',
    MonthlyIncome: 'monthlyIncome',
    NumberOfOpenCreditLinesAndLoans: 'openCreditLines',
    NumberRealEstateLoansOrLines: 'realEstateLoans',
    NumberOfDependents: 'dependents',
  },
  drop: {
    id: 'identifier',
    age: 'protected',
  },
  characteristics: BUREAU_CHARACTERISTICS,
  codePrefix: 'C',
};

/** Statlog German Credit: no renames; the three protected columns are always dropped. */
export const GERMAN_CREDIT: DatasetPreset = {
  id: 'german',
  description: 'Statlog (German Credit Data), UCI',
  signature: ['checking_status', 'credit_history', 'personal_status_sex', 'foreign_worker'],
  columnMapping: {},
  drop: { personal_status_sex: 'protected', age_years: 'protected', foreign_worker: 'protected' },
  characteristics: {},
  codePrefix: 'G',
};

export const DATASET_PRESETS: readonly DatasetPreset[] = [GIVE_ME_SOME_CREDIT, GERMAN_CREDIT];

export function detectPreset(header: readonly string[]): DatasetPreset | undefined {
  return DATASET_PRESETS.find((p) => p.signature.every((c) => header.includes(c)));
}

export function presetById(id: string): DatasetPreset | undefined {
  return DATASET_PRESETS.find((p) => p.id === id);
}
