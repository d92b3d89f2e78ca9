import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../auth/secrets';

// Ten single-use codes, each 16 characters from a 32-letter alphabet (80 random bits), so a
// plain SHA-256 is enough to store them: guessing one offline is out of reach.
export const RECOVERY_CODE_COUNT = 10;
// No l, o, 0 or 1: letters easily mistaken for each other when copied from paper.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** `abcd-efgh-jkmn-pqrs`: groups make a code easier to copy by hand. */
export function newRecoveryCode(bytes: Uint8Array = randomBytes(GROUPS * GROUP_LENGTH)): string {
  const chars = Array.from(bytes.slice(0, GROUPS * GROUP_LENGTH), (b) => ALPHABET[b % 32]!);
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++)
    groups.push(chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newRecoveryCode());
  return [...codes];
}

/** What a person types: any case, spaces or dashes anywhere. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(input: string): string {
  return sha256Hex(`recovery:${normalizeRecoveryCode(input)}`);
}

/** A six-digit entry is an authenticator code; anything else is tried as a recovery code. */
export function isTotpCode(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/\s/g, ''));
}
