import { residentIdCheckCharacter } from '../../src/identity/domain/resident-id.js';

let sequence = 100;

/** A valid PRC resident ID number (right check character) for a test person. */
export function residentId(birthDate = '19900307', area = '110105'): string {
  sequence = sequence >= 999 ? 100 : sequence + 1;
  const body = `${area}${birthDate}${sequence}`;
  return `${body}${residentIdCheckCharacter(body)}`;
}

/** A mainland mobile number, different on every call. */
export function mobile(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** The same ID number with a wrong check character. */
export function withWrongCheckCharacter(id: string): string {
  const wrong = '0123456789X'.split('').find((c) => c !== id[17])!;
  return `${id.slice(0, 17)}${wrong}`;
}
