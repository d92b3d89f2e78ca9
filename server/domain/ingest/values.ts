import { isIP } from 'node:net';
import { z } from 'zod';
import { MAX_FIELD_CHARS } from './limits';

// Small readers for untrusted JSON: every vendor field may be missing, null or the wrong type.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows object keys; anything missing or not an object on the way gives undefined. */
export function at(root: unknown, ...path: string[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** A trimmed non-empty string (numbers are accepted as ids), clipped to the field limit. */
export function text(value: unknown, max = MAX_FIELD_CHARS): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

const emailSchema = z.email();
export function isEmail(value: string): boolean {
  return value.length <= 254 && emailSchema.safeParse(value).success;
}

/** An IPv4 / IPv6 literal, or null (CloudTrail writes service names such as "AWS Internal"). */
export function ipAddress(value: unknown): string | null {
  const s = text(value, 64);
  return s && isIP(s) ? s : null;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an RFC 3339 time to a Date. Without an offset the time is taken as UTC when
 * `assumeUtc` (vendor logs are UTC), else refused: `Date.parse` would read it as local time.
 */
export function parseTime(value: unknown, assumeUtc: boolean): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const trimmed = value.trim();
  const m = RFC3339.exec(trimmed);
  if (!m) return null;
  if (!m[7] && !assumeUtc) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  // Date would roll 2024-02-31 over to March; refuse days the month does not have.
  const lastDay = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > lastDay) return null;
  if (hour! > 23 || minute! > 59 || second! > 59) return null;
  const date = new Date(m[7] ? trimmed : `${trimmed}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An actor string is an email or some other login name. */
export function loginKind(value: string): 'email' | 'username' {
  return isEmail(value) ? 'email' : 'username';
}

/** Latitude / longitude when both are real numbers in range; Okta's 0,0 means "unknown". */
export function coordinates(
  lat: unknown,
  lon: unknown,
): { lat: number | null; lon: number | null } {
  const valid =
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    !(lat === 0 && lon === 0);
  return valid ? { lat, lon } : { lat: null, lon: null };
}
