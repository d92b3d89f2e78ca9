import { z } from 'zod';

// Length over composition rules (NIST SP 800-63B).
export const passwordSchema = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(200, 'Use at most 200 characters');

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address'))
  .pipe(z.string().max(254));

export interface LoginState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export function isLockedOut(state: LoginState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** Fixed-window rate limiting: allowed while the attempt count in the window is within the limit. */
export function withinRateLimit(attemptsInWindow: number, limit: number): boolean {
  return attemptsInWindow <= limit;
}
