import { CANONICAL_REQUIRED } from './canonical';

// Which log format a file most likely is, from its first bytes (docs/INGEST.md §Format hints).
// Used only to explain a mostly rejected upload ("this looks like CloudTrail, not Okta"); the
// chosen format's parser alone decides what is stored. Each format is one small predicate over a
// record (or, for CSV, the header row); a new format adds its own entry.

type JsonObject = Record<string, unknown>;
/** One record (a JSON object) of the sample: does it look like this format's? */
export type RecordSniffer = (record: JsonObject) => boolean;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Okta System Log events (what GET {okta-domain}/api/v1/logs returns). */
const okta: RecordSniffer = (r) =>
  isText(r.eventType) && isText(r.uuid) && 'published' in r && isObject(r.actor);

/** AWS CloudTrail records (and digest files, which the CloudTrail parser explains). */
const cloudtrail: RecordSniffer = (r) =>
  (isText(r.eventVersion) && isText(r.eventSource) && isText(r.eventName)) ||
  ('digestStartTime' in r && 'logFiles' in r);

/** Google Workspace Admin SDK Reports activities. */
const gworkspace: RecordSniffer = (r) =>
  r.kind === 'admin#reports#activity' ||
  (isObject(r.id) && isText(r.id.applicationName)) ||
  (isObject(r.actor) && 'callerType' in r.actor && 'events' in r);

/** GitHub organization or enterprise audit-log events (a dotted action and a millisecond time). */
const github: RecordSniffer = (r) =>
  typeof r.action === 'string' &&
  /^[a-z_]+\.[a-z_.]+$/.test(r.action) &&
  (typeof r['@timestamp'] === 'number' || typeof r.created_at === 'number');

/** Vigil's canonical event shape. */
const ndjson: RecordSniffer = (r) => CANONICAL_REQUIRED.every((k) => k in r);

/** JSON formats, by the name the upload and the API use for them; first match wins. */
export const RECORD_SNIFFERS: Readonly<Record<string, RecordSniffer>> = {
  okta,
  cloudtrail,
  gworkspace,
  github,
  ndjson,
};

/** Canonical CSV: a header row naming the canonical required columns. */
export function looksLikeCanonicalCsvHeader(line: string): boolean {
  const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return CANONICAL_REQUIRED.every((k) => cells.includes(k));
}

/** Wrappers whose array holds the records (CloudTrail log files, Reports API list pages). */
const WRAPPERS = ['Records', 'items'] as const;
const MAX_RECORDS = 50;

function unwrap(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (!isObject(value)) return [];
  for (const key of WRAPPERS) {
    const inner = value[key];
    if (Array.isArray(inner)) return inner.filter(isObject);
  }
  return [value];
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The sample's first records: the whole sample as one JSON document, else line by line. */
export function sampleRecords(sample: string): JsonObject[] {
  const text = sample.replace(/^\uFEFF/, '').trim();
  const whole = tryJson(text);
  if (whole !== undefined) return unwrap(whole).slice(0, MAX_RECORDS);
  const records: JsonObject[] = [];
  // The last line may be cut by the sample's end: it simply does not parse.
  for (const line of text.split('\n')) {
    if (records.length >= MAX_RECORDS) break;
    const parsed = tryJson(line.trim());
    if (parsed !== undefined) records.push(...unwrap(parsed));
  }
  if (records.length > 0) return records.slice(0, MAX_RECORDS);
  return text.startsWith('{') || text.startsWith('[') ? cutArrayRecords(text) : [];
}

/**
 * A JSON log file cut by the sample's end (`{"Records": [{…}, {…}, {…` or `[{…}, {…`): the
 * complete objects of its first array, found by tracking nesting outside strings.
 */
function cutArrayRecords(text: string): JsonObject[] {
  const start = text.indexOf('[');
  if (start < 0) return [];
  const records: JsonObject[] = [];
  let depth = 0;
  let inString = false;
  let from = -1;
  for (let i = start; i < text.length && records.length < MAX_RECORDS; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 1 && ch === '{') from = i;
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) break;
      if (depth === 1 && from >= 0) {
        const parsed = tryJson(text.slice(from, i + 1));
        if (isObject(parsed)) records.push(parsed);
        from = -1;
      }
    }
  }
  return records;
}

/**
 * The format most of the sample's records match, or null when none is clear (no records, or no
 * format matching at least half of them).
 */
export function sniffFormat(sample: string): string | null {
  const records = sampleRecords(sample);
  if (records.length === 0) {
    const first =
      sample
        .replace(/^\uFEFF/, '')
        .trimStart()
        .split('\n', 1)[0] ?? '';
    return looksLikeCanonicalCsvHeader(first) ? 'csv' : null;
  }
  const votes = new Map<string, number>();
  for (const record of records) {
    const match = Object.entries(RECORD_SNIFFERS).find(([, sniff]) => sniff(record));
    if (match) votes.set(match[0], (votes.get(match[0]) ?? 0) + 1);
  }
  const [best] = [...votes.entries()].sort((x, y) => y[1] - x[1]);
  return best && best[1] * 2 >= records.length ? best[0] : null;
}

/** Most of the upload was rejected: worth telling the uploader which format it looks like. */
export function mostlyRejected(s: { received: number; inserted: number; rejected: number }) {
  return s.rejected > 0 && s.rejected * 2 >= s.received;
}

/**
 * The format to suggest for a mostly rejected upload: the sniffed one, when it differs from the
 * one chosen. Null when the file looks like the chosen format (the rejections are about content).
 */
export function formatHint(
  chosen: string,
  sample: string,
  summary: { received: number; inserted: number; rejected: number },
): string | null {
  if (!mostlyRejected(summary)) return null;
  const likely = sniffFormat(sample);
  return likely && likely !== chosen ? likely : null;
}
