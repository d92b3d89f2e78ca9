import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let verifications = 0;

/**
 * argon2 verifications this process has run: every sign-in attempt past the rate limit runs
 * exactly one, whatever the account (docs/SECURITY.md §F5); tests and the bench read it.
 */
export function passwordVerifications(): number {
  return verifications;
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  verifications += 1;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// A fixed hash with the same parameters, made once on first use: checking against it when there
// is no hash to check (no account, no password set, locked) costs what a real check costs.
let dummyHash: Promise<string> | undefined;

/**
 * One argon2 verification, always: against the stored hash, or against the dummy when there is
 * none to check (then the answer is false whatever the password). Response time must not tell
 * an attacker which emails have accounts.
 */
export async function checkPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash) return verifyPassword(storedHash, password);
  dummyHash ??= hashPassword('vigil-timing-equalizer');
  await verifyPassword(await dummyHash, password);
  return false;
}
