/** Digests go out from this local hour on (docs/NOTIFICATIONS.md §Daily digest). */
export const DIGEST_HOUR = 8;

/**
 * The organization-local day whose digest is due at `now`, or null before `hour` that day. The
 * job runs hourly, so a digest missed at 08:00 (the app was down) still goes out later that day.
 */
export function digestDayDue(now: Date, timeZone: string, hour = DIGEST_HOUR): string | null {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  if (Number(part('hour')) < hour) return null;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
