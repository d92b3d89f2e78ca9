import { parse } from 'csv-parse/sync';

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

export interface CsvRow {
  /** 1-based line in the file where the record ends (what a spreadsheet user sees). */
  line: number;
  cells: Record<string, string>;
}

export type CsvRead = { ok: true; rows: CsvRow[] } | { ok: false; error: string };

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/**
 * Reads an import CSV (docs/IMPORTS.md §Common rules): a header row is required, columns may
 * come in any order, unknown or repeated columns are refused with a clear message, cells are
 * trimmed and blank lines skipped. Problems with the file as a whole come back as one error.
 */
/** A CSV file's records with their line numbers, or why the file as a whole cannot be read. */
export type CsvRecords =
  | { ok: true; records: { record: string[]; info: { lines: number } }[] }
  | { ok: false; error: string };

/**
 * The file-level checks every CSV import shares (size, text, CSV syntax), then its records:
 * cells trimmed, blank lines skipped, short rows allowed (the caller checks columns).
 */
export function parseCsvRecords(text: string): CsvRecords {
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES)
    return { ok: false, error: 'The file is larger than 10 MB; split it.' };
  if (text.includes('\u0000'))
    return {
      ok: false,
      error: 'The file is not text (it contains NUL bytes); export it as CSV, UTF-8.',
    };
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      max_record_size: 100_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { ok: true, records };
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    return {
      ok: false,
      error: `The file is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${(e.message ?? '').replace(/^Invalid [^:]*: /, '')}`,
    };
  }
}

export function readCsv(text: string, columns: CsvColumns): CsvRead {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return parsed;
  const { records } = parsed;
  const [head, ...body] = records;
  if (!head) return { ok: false, error: 'The file is empty: a header row is required.' };
  const header = head.record.map((h) => h.trim().toLowerCase());
  const allowed = new Set([...columns.required, ...columns.optional]);
  const unknown = header.filter((h) => !allowed.has(h));
  if (unknown.length) {
    return {
      ok: false,
      error: `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}. Allowed: ${[...allowed].join(', ')}.`,
    };
  }
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (repeated.length)
    return { ok: false, error: `Column "${repeated[0]}" appears more than once.` };
  const missing = columns.required.filter((c) => !header.includes(c));
  if (missing.length)
    return {
      ok: false,
      error: `Missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
    };
  if (body.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      error: `The file has ${body.length} rows; the limit is ${MAX_IMPORT_ROWS}.`,
    };
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])),
  }));
  return { ok: true, rows };
}

/** Multi-valued cells are separated by `;`. */
export function splitList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Blank cells mean "not given". */
export function optional(cell: string | undefined): string | undefined {
  const v = cell?.trim();
  return v ? v : undefined;
}
