/**
 * Pure rules for talking to a provider's HTTP API (docs/CONNECTORS.md §Retries): the next-page
 * link, how long `Retry-After` asks to wait, and what a status code means for the run.
 */

/** The `rel="next"` target of a Link header (RFC 8288); Okta may send several Link headers. */
export function nextLinkOf(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(match[2] ?? '');
    const tokens = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (tokens.includes('next')) return match[1] ?? null;
  }
  return null;
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date; null when absent. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

export type StatusClass = 'ok' | 'retry' | 'auth' | 'fail';

/** 429 and 5xx are worth another try; 401/403 need an admin; other errors fail the run. */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 429 || status >= 500) return 'retry';
  if (status === 401 || status === 403) return 'auth';
  return 'fail';
}

/** How long to wait before try `attempt` (1-based) when the server named no time. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), capMs);
}

/** What an admin reads when the provider refuses the credentials. */
export function authRefusalMessage(provider: string, status: number, secretLabel: string): string {
  return status === 401
    ? `${provider} refused the ${secretLabel} (401): it is invalid, expired or revoked. Enter a new ${secretLabel}, then resume the connector.`
    : `${provider} refused access (403): the ${secretLabel} lacks permission to read the logs. Give it read-only access (docs/CONNECTORS.md), then resume the connector.`;
}

/**
 * The URL policy for a connector's provider (docs/CONNECTORS.md §Network): https, or plain http
 * only where private targets are allowed (tests, a single-tenant install); no credentials in
 * the URL. The host's addresses are checked when it is resolved (services/shared/pinned-host.ts).
 */
export function connectorUrlRefusal(url: URL, allowPrivate: boolean): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Connector URLs must use https://.';
  if (url.protocol === 'http:' && !allowPrivate)
    return 'Connector URLs must use https:// (plain http is allowed only with VIGIL_WEBHOOK_ALLOW_PRIVATE=1).';
  if (url.username || url.password)
    return 'Put no credentials in the URL: the token goes in its own field.';
  return null;
}
