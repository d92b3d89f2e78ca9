import { toCountryCode } from './country';
import { decodeText, type DecodeOptions, type IngestInput } from './decode';
import type { NormalizedEvent, ParsedRecord } from './event';
import { readJsonRecords } from './json-records';
import { mapRecords, type MapResult } from './map-records';
import { ipAddress, loginKind, parseTime, text, type JsonObject } from './values';

// Vigil's own event shape (docs/INGEST.md §Canonical events), as NDJSON or CSV.
export const CANONICAL_REQUIRED = ['event_id', 'occurred_at', 'actor', 'system', 'action'] as const;
export const CANONICAL_OPTIONAL = [
  'resource',
  'record_count',
  'ticket_id',
  'ip',
  'country',
  'city',
  'device_id',
  'user_agent',
  'session_id',
  'outcome',
] as const;
const MAX_ID_CHARS = 512;

export const CANONICAL_FIELDS: readonly string[] = [...CANONICAL_REQUIRED, ...CANONICAL_OPTIONAL];
const KNOWN_FIELDS: ReadonlySet<string> = new Set(CANONICAL_FIELDS);

/** Canonical NDJSON (or a JSON array of canonical objects). */
export function parseCanonicalNdjson(
  input: IngestInput,
  options?: DecodeOptions,
): AsyncGenerator<ParsedRecord> {
  return mapRecords(readJsonRecords(decodeText(input, options), []), mapCanonicalRow);
}

/**
 * Validates one canonical row and reports every problem at once. Values may be JSON strings or
 * numbers; a blank value means "not given" (CSV cells are always strings).
 */
export function mapCanonicalRow(row: JsonObject): MapResult {
  const problems: string[] = [];
  const unknown = Object.keys(row).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length)
    problems.push(
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown
        .slice(0, 5)
        .map((k) => JSON.stringify(k.slice(0, 50)))
        .join(', ')}`,
    );
  const field = (name: string): string | null => {
    const value = row[name];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`${name} must be a string`);
      return null;
    }
    return text(value);
  };
  const required = (name: string): string => {
    const value = field(name);
    if (value === null) problems.push(`${name} is required`);
    return value ?? '';
  };

  const eventId = required('event_id');
  // Clipping an id would merge distinct events under one dedupe key: refuse instead.
  if (String(row.event_id ?? '').trim().length > MAX_ID_CHARS)
    problems.push(`event_id is longer than ${MAX_ID_CHARS} characters`);
  const time = required('occurred_at');
  const occurredAt = time ? parseTime(time, false) : null;
  if (time && !occurredAt)
    problems.push(`occurred_at ${quote(time)} is not an RFC 3339 time with an offset`);
  const actor = required('actor');
  const system = required('system');
  const action = required('action');

  const count = field('record_count');
  const recordCount = count === null ? 1 : /^\d{1,15}$/.test(count) ? Number(count) : null;
  if (recordCount === null)
    problems.push(`record_count ${quote(count)} must be a whole number of 0 or more`);

  const outcome = (field('outcome') ?? 'success').toLowerCase();
  if (outcome !== 'success' && outcome !== 'failure')
    problems.push(`outcome ${quote(outcome)} must be success or failure`);

  const ipText = field('ip');
  const ip = ipAddress(ipText);
  if (ipText && !ip) problems.push(`ip ${quote(ipText)} is not an IP address`);

  const countryText = field('country');
  const country = toCountryCode(countryText);
  if (countryText && !country)
    problems.push(`country ${quote(countryText)} is not an ISO 3166 country`);

  if (problems.length || !occurredAt || recordCount === null)
    return { ok: false, reason: problems.join('; ') };
  const event: NormalizedEvent = {
    sourceEventId: eventId,
    source: 'canonical',
    occurredAt,
    actor,
    actorKind: loginKind(actor),
    actorAlternates: [],
    system,
    action,
    resource: field('resource'),
    recordCount,
    ticketId: field('ticket_id'),
    ip,
    country,
    city: field('city'),
    lat: null,
    lon: null,
    deviceId: field('device_id'),
    userAgent: field('user_agent'),
    sessionId: field('session_id'),
    outcome: outcome as NormalizedEvent['outcome'],
    isProxy: null,
    raw: row,
  };
  return { ok: true, events: [event] };
}

function quote(value: string | null): string {
  return JSON.stringify((value ?? '').slice(0, 60));
}
