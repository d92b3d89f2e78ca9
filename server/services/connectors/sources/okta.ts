import { nextLinkOf } from '@/server/domain/connectors/http';
import {
  oktaCursorOf,
  oktaSettingsSchema,
  oktaUrlOfCursor,
  type OktaSettings,
} from '@/server/domain/connectors/okta';
import { SourceError, SourceHttpError, type ConnectorSource } from './types';

/** What Okta said, without the request's URL (it carries nothing secret, but is long). */
function oktaError(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { errorCode?: unknown; errorSummary?: unknown };
    if (typeof parsed.errorSummary === 'string')
      return `Okta answered ${status}: ${parsed.errorSummary.slice(0, 200)}${typeof parsed.errorCode === 'string' ? ` (${parsed.errorCode})` : ''}`;
  } catch {
    // Not Okta's JSON error shape: say the status only.
  }
  return `Okta answered ${status}.`;
}

/**
 * Okta System Log (`GET /api/v1/logs`, docs/CONNECTORS.md §Okta): SSWS token, polling query in
 * ascending order, `Link: rel="next"` paging. The cursor is the next link's path and query.
 */
export const oktaSource: ConnectorSource<OktaSettings> = {
  kind: 'okta',
  provider: 'Okta',
  parseSettings: (raw) => oktaSettingsSchema.parse(raw),
  describe: (settings) => settings.url,
  baseUrl: (settings) => settings.url,
  async fetchPage({ settings, secret, now, get }, cursor) {
    const answer = await get(oktaUrlOfCursor(cursor, settings, now), {
      Accept: 'application/json',
      Authorization: `SSWS ${secret}`,
      'User-Agent': 'Vigil-Connector',
    });
    if (answer.status < 200 || answer.status >= 300)
      throw new SourceHttpError(
        answer.status,
        answer.headers['retry-after'] ?? null,
        oktaError(answer.status, answer.body),
      );
    let records: unknown;
    try {
      records = JSON.parse(answer.body);
    } catch {
      throw new SourceError('Okta answered with something that is not JSON.');
    }
    if (!Array.isArray(records))
      throw new SourceError('Okta answered with JSON that is not a list of events.');
    const next = nextLinkOf(answer.headers.link);
    return { records, nextCursor: next ? oktaCursorOf(next, settings) : null };
  },
};
