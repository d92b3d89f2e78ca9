import { once } from 'node:events';
import { parse, type CsvError } from 'csv-parse';
import { mapCanonicalRow, CANONICAL_FIELDS, CANONICAL_REQUIRED } from './canonical';
import { decodeText, type DecodeOptions, type IngestInput } from './decode';
import { IngestFileError } from './errors';
import type { ParsedRecord } from './event';
import type { RawRecord } from './json-records';
import { MAX_RECORD_CHARS, NUL_REASON } from './limits';
import { mapRecords } from './map-records';

/** Canonical events as CSV: a header row naming canonical columns, in any order. */
export function parseCanonicalCsv(
  input: IngestInput,
  options?: DecodeOptions,
): AsyncGenerator<ParsedRecord> {
  return mapRecords(readCsvRows(decodeText(input, options)), mapCanonicalRow);
}

type Item = { line: number; cells: string[] } | { line: number; code: string; message: string };

const SKIP_REASONS: Record<string, string> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row does not have as many cells as the header',
  CSV_MAX_RECORD_SIZE: `the row is larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB`,
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a cell is not doubled ("")',
};

/**
 * Streams CSV rows with csv-parse, one chunk at a time. Rows csv-parse cannot read are reported
 * by line and skipped (skip_records_with_error) so the rest of the file still lands; the header
 * is checked like every import (docs/IMPORTS.md §Common rules: unknown columns refused).
 */
async function* readCsvRows(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  const queue: Item[] = [];
  let sawHeader = false;
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    // A stray quote inside an unquoted cell is kept as text: one error per quote would be costly.
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    info: true,
    // Both callbacks run synchronously inside write(), in file order, so one queue keeps order.
    on_record: (entry: unknown) => {
      const { record, info } = entry as { record: string[]; info: { lines: number } };
      sawHeader = true;
      queue.push({ line: info.lines, cells: record });
      return null; // nothing goes to the readable side
    },
    on_skip: (error: CsvError | undefined) => {
      // Throwing here makes csv-parse stop: without a readable header nothing else can be read.
      if (!sawHeader) throw error ?? new Error('unreadable header');
      if (error) queue.push({ line: errorLine(error), code: error.code, message: error.message });
      return undefined;
    },
  });
  let failure: unknown = null;
  parser.on('error', (error) => (failure = error));
  parser.resume();

  let header: string[] | null = null;
  let last: Item | null = null;
  const drain = function* (): Generator<RawRecord> {
    for (const item of queue.splice(0)) {
      if ('code' in item) {
        // csv-parse may report one broken row twice; one rejection is enough.
        if (last && 'code' in last && last.line === item.line && last.code === item.code) continue;
        last = item;
        if (!header)
          throw new IngestFileError(`The CSV header row cannot be read: ${item.message}`);
        yield { line: item.line, reason: SKIP_REASONS[item.code] ?? item.message };
        continue;
      }
      last = item;
      if (!header) {
        header = checkHeader(item.cells);
        continue;
      }
      if (item.cells.some((cell) => cell.includes('\u0000'))) {
        yield { line: item.line, reason: NUL_REASON };
        continue;
      }
      const cells = item.cells;
      yield {
        line: item.line,
        value: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])),
      };
    }
  };

  // csv-parse reports fatal problems through a throw from write() or an 'error' event.
  const write = (chunk: string | null): boolean => {
    try {
      return chunk === null ? (parser.end(), true) : parser.write(chunk);
    } catch (error) {
      failure ??= error;
      return true;
    }
  };
  for await (const chunk of chunks) {
    // An error is emitted on the next tick, so waiting for 'drain' may end with it instead.
    if (!write(chunk) && !failure)
      await once(parser, 'drain').catch((e: unknown) => (failure ??= e));
    if (failure) throw csvFailure(failure, sawHeader);
    yield* drain();
  }
  write(null);
  if (!parser.readableEnded && !failure) await once(parser, 'end').catch(() => undefined);
  yield* drain();
  if (failure) throw csvFailure(failure, sawHeader);
}

function checkHeader(cells: string[]): string[] {
  const header = cells.map((c) => c.trim().toLowerCase());
  const unknown = header.filter((h) => !CANONICAL_FIELDS.includes(h));
  if (unknown.length)
    throw new IngestFileError(
      `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown
        .slice(0, 5)
        .map((u) => JSON.stringify(u.slice(0, 50)))
        .join(', ')}. Allowed: ${CANONICAL_FIELDS.join(', ')}.`,
    );
  const repeated = header.find((h, i) => header.indexOf(h) !== i);
  if (repeated) throw new IngestFileError(`Column "${repeated}" appears more than once.`);
  const missing = CANONICAL_REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    throw new IngestFileError(
      `Missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
    );
  return header;
}

function errorLine(error: CsvError): number {
  const lines = (error as CsvError & { lines?: number }).lines;
  return typeof lines === 'number' ? lines : 0;
}

function csvFailure(error: unknown, sawHeader: boolean): IngestFileError {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  return new IngestFileError(
    sawHeader
      ? `The file is not valid CSV: ${message}`
      : `The CSV header row cannot be read: ${message}`,
  );
}
