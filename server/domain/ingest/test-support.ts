import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { NormalizedEvent, ParsedRecord } from './event';

// Helpers shared by the ingest tests (not a test file itself).

/**
 * The published log samples (elastic/integrations pipeline test inputs), copied verbatim into the
 * repository (with their source and licence in the README there) so a clean clone tests alone.
 */
export const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures/logs');

export function fixtureFiles(dir: string): string[] {
  return readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.ndjson'))
    .sort();
}

export function readFixture(dir: string, file: string): string {
  return readFileSync(path.join(FIXTURES, dir, file), 'utf8');
}

/** Non-empty lines of a fixture, parsed: what the parser should see. */
export function fixtureRecords(dir: string, file: string): unknown[] {
  return readFixture(dir, file)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
}

export async function collect(records: AsyncIterable<ParsedRecord>): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

/** Splits text into small chunks so every boundary case of the streaming readers is crossed. */
export function* chunked(text: string | Buffer, size = 7): Generator<string | Buffer> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export function events(results: ParsedRecord[]): (NormalizedEvent & { line: number })[] {
  return results.flatMap((r) => (r.ok ? [{ ...r.event, line: r.line }] : []));
}

export function rejections(results: ParsedRecord[]): { line: number; reason: string }[] {
  return results.flatMap((r) => (r.ok ? [] : [{ line: r.line, reason: r.reason }]));
}

/** Properties every parsed event holds, whatever the source. */
export function expectWellFormed(list: NormalizedEvent[]): void {
  for (const e of list) {
    expect(e.occurredAt).toBeInstanceOf(Date);
    expect(Number.isNaN(e.occurredAt.getTime())).toBe(false);
    expect(e.sourceEventId.length).toBeGreaterThan(0);
    expect(e.actor.length).toBeGreaterThan(0);
    expect(e.country === null || /^[A-Z]{2}$/.test(e.country)).toBe(true);
    expect(Number.isInteger(e.recordCount) && e.recordCount >= 0).toBe(true);
  }
}

/**
 * Source ids that occur more than once in a list. The published fixtures reuse ids for different
 * test events (placeholders such as "uuid"), so tests pin exactly which ones repeat.
 */
export function repeatedIds(list: NormalizedEvent[]): string[] {
  const seen = new Map<string, number>();
  for (const e of list) seen.set(e.sourceEventId, (seen.get(e.sourceEventId) ?? 0) + 1);
  return [...seen]
    .filter(([, n]) => n > 1)
    .map(([id]) => id)
    .sort();
}
