import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransactionSql } from 'postgres';

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPE: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: backslash, tab and line breaks escaped, \N for NULL. */
export function copyValue(v: string | null): string {
  if (v === null) return '\\N';
  return COPY_SPECIAL.test(v) ? v.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPE[c]!) : v;
}

/**
 * Loads rows into a per-connection temporary table (created on first use, emptied at every
 * commit or rollback, so concurrent writers never see each other's rows and a failed run leaves
 * nothing behind). Needs only the TEMP privilege, which PUBLIC holds, so it works as vigil_app.
 * COPY is the cheapest way to get many rows to the server: no per-row parameters, no array
 * literals to build and parse (docs/BENCHMARKS.md).
 */
export async function copyIntoStaging(
  client: TransactionSql,
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  rows: readonly (readonly (string | null)[])[],
): Promise<void> {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(copyValue).join('\t'));
  await copyLinesIntoStaging(client, table, columns, lines);
}

/** `copyIntoStaging` for rows already rendered as COPY text lines (see `copyValue`). */
export async function copyLinesIntoStaging(
  client: TransactionSql,
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  lines: readonly string[],
): Promise<void> {
  await client.unsafe(
    `create temp table if not exists ${table} (${columns.map(([c, t]) => `${c} ${t}`).join(', ')}) on commit delete rows`,
  );
  await pipeline(
    Readable.from([lines.length ? `${lines.join('\n')}\n` : '']),
    await client.unsafe(`copy ${table} from stdin`).writable(),
  );
}
