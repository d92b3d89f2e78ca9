import type { SiemRecord } from './records';

/**
 * Splunk HTTP Event Collector (docs/INTEGRATIONS.md §SIEM streaming): events are POSTed to
 * `/services/collector/event` as JSON objects one after another in one body, with
 * `Authorization: Splunk <token>`. Splunk answers `{"text": …, "code": n}`: 0 is success, 9 is
 * "server is busy" (back off); 503 and 429 say the same over HTTP.
 */
export const HEC_EVENT_PATH = '/services/collector/event';
export const HEC_SOURCE = 'vigil';

export interface HecOptions {
  host: string;
  index?: string | undefined;
  sourcetype: string;
}

export function hecEvent(record: SiemRecord, o: HecOptions): Record<string, unknown> {
  return {
    time: Date.parse(record.occurredAt) / 1000,
    host: o.host,
    source: HEC_SOURCE,
    sourcetype: o.sourcetype,
    ...(o.index ? { index: o.index } : {}),
    event: record.body,
  };
}

/** One request body for a batch: the events' JSON objects, one per line. */
export function hecBody(records: readonly SiemRecord[], o: HecOptions): string {
  return records.map((r) => JSON.stringify(hecEvent(r, o))).join('\n');
}

export function hecEndpoint(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${HEC_EVENT_PATH}`;
}

export type HecOutcome = { ok: true } | { ok: false; busy: boolean; error: string };

/** Reads HEC's answer: accepted only on HTTP 2xx with code 0 (or no code at all). */
export function hecOutcome(status: number, body: string): HecOutcome {
  let code: number | undefined;
  let text: string | undefined;
  try {
    const parsed = JSON.parse(body) as { code?: unknown; text?: unknown };
    if (typeof parsed.code === 'number') code = parsed.code;
    if (typeof parsed.text === 'string') text = parsed.text;
  } catch {
    // Not JSON (a proxy's error page): judged by the status alone.
  }
  if (status >= 200 && status < 300 && (code === undefined || code === 0)) return { ok: true };
  const busy = status === 503 || status === 429 || code === 9;
  const detail = text ? `: ${text.slice(0, 160)}` : '';
  return {
    ok: false,
    busy,
    error: `Splunk HEC answered HTTP ${status}${code !== undefined ? ` (code ${code})` : ''}${detail}`,
  };
}
