import { IngestFileError } from './errors';
import { readJsonDocument, type RawRecord } from './json-document';
import { parseJsonLine } from './json-line';
import { MAX_RECORD_CHARS, NUL_REASON } from './limits';
import { splitLines } from './lines';
import { isObject } from './values';

export type { RawRecord };

/**
 * Reads JSON records from text in whichever shape the vendors write: NDJSON (one record per line;
 * a bad line is rejected and the rest go on), a JSON array, or an envelope object such as
 * CloudTrail's `{"Records": [...]}` (streamed, so a 500 MB log file is fine). The shape is told
 * from the first line; anything that is not JSON at all is one clear error.
 */
export async function* readJsonRecords(
  chunks: AsyncIterable<string>,
  envelopeKeys: readonly string[],
): AsyncGenerator<RawRecord> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let exhausted = false;
  // Enough text to see the first line (or to know it is longer than any record may be).
  while (!exhausted && !hasFirstLine(head) && head.length <= MAX_RECORD_CHARS) {
    const next = await iterator.next();
    if (next.done) exhausted = true;
    else head += next.value;
  }
  const all = replay(head, iterator);
  const start = head.search(/\S/);
  if (start === -1) return; // empty input: nothing to ingest, nothing wrong
  const first = head[start];
  if (first === '[' || (first === '{' && isDocument(head.slice(start), envelopeKeys))) {
    for await (const record of readJsonDocument(all, envelopeKeys))
      yield* expandEnvelope(record, envelopeKeys);
    return;
  }
  if (first !== '{') throw notJson(head.slice(start, start + 20));
  for await (const line of splitLines(all, MAX_RECORD_CHARS)) {
    if ('tooLong' in line) {
      yield { line: line.line, reason: `line is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB` };
      continue;
    }
    if (!line.text.trim()) continue;
    const parsed = parseJsonLine(line.text);
    if (parsed.ok && line.text.includes('\\u0000')) yield { line: line.line, reason: NUL_REASON };
    else if (parsed.ok)
      yield* expandEnvelope(
        { line: line.line, value: parsed.value, text: line.text },
        envelopeKeys,
      );
    else yield { line: line.line, reason: parsed.reason };
  }
}

function hasFirstLine(head: string): boolean {
  const start = head.search(/\S/);
  return start !== -1 && head.indexOf('\n', start) !== -1;
}

/**
 * A first line that is not a whole JSON value (pretty-printed JSON, or a single line longer than a
 * record may be) or that is itself an envelope means a JSON document rather than NDJSON.
 */
function isDocument(text: string, envelopeKeys: readonly string[]): boolean {
  const newline = text.indexOf('\n');
  if (newline === -1 && text.length > MAX_RECORD_CHARS) return true;
  const firstLine = (newline === -1 ? text : text.slice(0, newline)).trim();
  const parsed = parseJsonLine(firstLine);
  if (parsed.ok) return envelopeArray(parsed.value, envelopeKeys) !== null;
  // A broken NDJSON line stays a per-line rejection; an opening line of pretty JSON does not parse.
  return /[{[,:]$/.test(firstLine);
}

function envelopeArray(value: unknown, envelopeKeys: readonly string[]): unknown[] | null {
  if (!isObject(value)) return null;
  for (const key of envelopeKeys) {
    const inner = value[key];
    if (Array.isArray(inner)) return inner;
  }
  return null;
}

/** An envelope that arrived as one small record (an NDJSON line, an array element) is opened here. */
function* expandEnvelope(record: RawRecord, envelopeKeys: readonly string[]): Generator<RawRecord> {
  const inner = 'value' in record ? envelopeArray(record.value, envelopeKeys) : null;
  if (!inner) {
    yield record;
    return;
  }
  for (const value of inner) yield { line: record.line, value };
}

async function* replay(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  if (head) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

function notJson(start: string): IngestFileError {
  const shown = JSON.stringify(start.replace(/[^\x20-\x7e]/g, '?'));
  return new IngestFileError(
    `The input is not JSON (it starts with ${shown}): expected NDJSON (one JSON object per line), a JSON array, or a {"Records": [...]} log file.`,
  );
}
