import { openSecret, parseSecretsKey, sealSecret } from '@/server/domain/secrets/secret-box';
import { getEnv, type Env } from '@/server/env';
import { UserFacingError } from './errors';

export const SECRETS_KEY_MISSING =
  'Vigil cannot store this secret: VIGIL_SECRETS_KEY is not set. An operator sets it to 32 random bytes (openssl rand -base64 32) and restarts Vigil.';

function keys(env: Env = getEnv()): Buffer[] {
  const out: Buffer[] = [];
  for (const text of [env.VIGIL_SECRETS_KEY, env.VIGIL_SECRETS_KEY_PREVIOUS]) {
    if (!text) continue;
    const key = parseSecretsKey(text);
    if (!key) throw new Error('VIGIL_SECRETS_KEY must be 32 bytes, base64 or hex');
    out.push(key);
  }
  return out;
}

export function secretsKeyConfigured(env: Env = getEnv()): boolean {
  return env.VIGIL_SECRETS_KEY !== undefined;
}

/** Seals a secret for one organization and purpose; refused, saying why, without a key. */
export function sealOrgSecret(orgId: string, purpose: string, plaintext: string): string {
  const [current] = keys();
  if (!current) throw new UserFacingError('PRECONDITION_FAILED', SECRETS_KEY_MISSING);
  return sealSecret(plaintext, current, `${orgId}:${purpose}`);
}

/** Opens a sealed secret; throws a message an admin can act on when it cannot. */
export function openOrgSecret(orgId: string, purpose: string, sealed: string): string {
  const result = openSecret(sealed, keys(), `${orgId}:${purpose}`);
  if (result.ok) return result.plaintext;
  if (result.reason === 'unknown_key')
    throw new Error(
      `The secret was sealed with a key Vigil no longer has (fingerprint ${result.fingerprint}); set VIGIL_SECRETS_KEY_PREVIOUS or enter the secret again.`,
    );
  throw new Error('The stored secret does not open (changed or copied from another record).');
}

/** Seals a secret that belongs to a user account rather than an organization (TOTP seeds). */
export function sealUserSecret(userId: string, purpose: string, plaintext: string): string {
  const [current] = keys();
  if (!current) throw new UserFacingError('PRECONDITION_FAILED', SECRETS_KEY_MISSING);
  return sealSecret(plaintext, current, `user:${userId}:${purpose}`);
}

export function openUserSecret(userId: string, purpose: string, sealed: string): string {
  const result = openSecret(sealed, keys(), `user:${userId}:${purpose}`);
  if (result.ok) return result.plaintext;
  throw new Error(
    result.reason === 'unknown_key'
      ? `A user secret was sealed with a key Vigil no longer has (fingerprint ${result.fingerprint}); set VIGIL_SECRETS_KEY_PREVIOUS.`
      : 'A stored user secret does not open (changed or copied from another record).',
  );
}
