import { timingSafeEqual } from 'node:crypto';
import { generateSecret, generateSync, generateURI } from 'otplib';

// RFC 6238 with the defaults every authenticator app understands: SHA-1, six digits, 30 s.
export const TOTP_PERIOD_SECONDS = 30;
// One step either side forgives a phone clock that drifts or a code typed as it turns over.
const WINDOW_STEPS = 1;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` link an authenticator app reads from the QR code. */
export function totpUri(secret: string, account: string, issuer = 'Vigil'): string {
  return generateURI({ issuer, label: account, secret });
}

export function totpStepAt(epochSeconds: number): number {
  return Math.floor(epochSeconds / TOTP_PERIOD_SECONDS);
}

export function totpCodeAt(secret: string, epochSeconds: number): string {
  return generateSync({ secret, epoch: epochSeconds });
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/**
 * Which time step a code belongs to, within one step of now. A code from a step at or before
 * the last one accepted is refused, so a code seen over a shoulder or in a proxy log cannot be
 * used a second time, even within its 30 seconds.
 */
export function checkTotp(
  secret: string,
  code: string,
  epochSeconds: number,
  lastUsedStep: number | null,
): TotpCheck {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return { ok: false, reason: 'invalid' };
  const now = totpStepAt(epochSeconds);
  let matched: number | null = null;
  for (let step = now - WINDOW_STEPS; step <= now + WINDOW_STEPS; step++) {
    // Every candidate is computed and compared, so timing does not tell which one matched.
    if (sameCode(totpCodeAt(secret, step * TOTP_PERIOD_SECONDS), typed)) matched ??= step;
  }
  if (matched === null) return { ok: false, reason: 'invalid' };
  if (lastUsedStep !== null && matched <= lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: matched };
}
