import { randomInt } from 'node:crypto';

/** No look-alikes: no I/1/L, O/0, S/5, B/8, Z/2. */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_LENGTH = 10;
export const CODE_VALID_DAYS = 60;

export function generateActivationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person types: any case, with spaces or dashes as printed in the letter. */
export function normalizeActivationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Printed in letters as ABCDE-FGHJK for easier typing. */
export function formatActivationCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
