import { z } from 'zod';

/**
 * The Okta System Log's request rules (docs/CONNECTORS.md §Okta): a polling query asks for
 * `since` in ascending order and follows the `Link: rel="next"` URL, whose `after` parameter is
 * Okta's own cursor; Okta returns a next link even on the last (empty) page, and that link is
 * where the next poll resumes.
 */
export const OKTA_LOGS_PATH = '/api/v1/logs';
/** Okta's largest page for /api/v1/logs. */
export const OKTA_PAGE_LIMIT = 1000;

export const oktaSettingsSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Enter the Okta org URL, e.g. https://example.okta.com')
    .max(500)
    .refine((u) => {
      try {
        const url = new URL(u);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    }, 'Enter a full URL, e.g. https://example.okta.com')
    .transform((u) => new URL(u).origin),
  /** Events per page (Okta's limit is 1,000). */
  pageSize: z.coerce.number().int().min(1).max(OKTA_PAGE_LIMIT).default(OKTA_PAGE_LIMIT),
  /** How far back the first run reaches; later runs resume from the stored cursor. */
  initialLookbackHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
});
export type OktaSettings = z.output<typeof oktaSettingsSchema>;

/** The first poll: `since` the lookback, oldest first, so the cursor only moves forward. */
export function oktaFirstUrl(settings: OktaSettings, now: Date): string {
  const since = new Date(now.getTime() - settings.initialLookbackHours * 3_600_000);
  const query = new URLSearchParams({
    since: since.toISOString(),
    sortOrder: 'ASCENDING',
    limit: String(settings.pageSize),
  });
  return `${settings.url}${OKTA_LOGS_PATH}?${query}`;
}

/**
 * A stored cursor is the path and query of Okta's next link. It is replayed against the
 * configured origin only, so a next link naming another host cannot steer the connector (and
 * its token) elsewhere; null when the link is not a System Log URL.
 */
export function oktaCursorOf(nextLink: string, settings: OktaSettings): string | null {
  let url: URL;
  try {
    url = new URL(nextLink, settings.url);
  } catch {
    return null;
  }
  if (url.origin !== settings.url || url.pathname !== OKTA_LOGS_PATH) return null;
  return `${url.pathname}${url.search}`;
}

export function oktaUrlOfCursor(cursor: string | null, settings: OktaSettings, now: Date): string {
  return cursor ? `${settings.url}${cursor}` : oktaFirstUrl(settings, now);
}
