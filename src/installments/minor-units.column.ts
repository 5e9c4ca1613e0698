import type { ValueTransformer } from 'typeorm';

/**
 * Money columns are `bigint` minor units. pg returns int8 as a string (it may not fit a JS
 * number); every amount this domain stores is below 2^53 (the schedule module refuses
 * anything larger), so converting to a number is exact, and this checks that it stays so.
 */
export const MINOR_UNITS: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null) return null;
    const minor = Number(value);
    if (!Number.isSafeInteger(minor)) throw new RangeError(`stored amount ${String(value)} is not a safe integer`);
    return minor;
  },
};
