import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IngestFileError } from './errors';
import { INGEST_FORMATS, parseEvents, type IngestFormat } from './parse-events';
import { chunked, collect, readFixture } from './test-support';

/** Runs a parser to the end: 'ok', or 'file' for the one allowed whole-file error. */
async function outcome(format: IngestFormat, input: Iterable<string | Uint8Array>) {
  try {
    const results = await collect(parseEvents(format, input));
    for (const r of results) {
      expect(Number.isInteger(r.line) && r.line >= 0).toBe(true);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    }
    return 'ok';
  } catch (error) {
    if (error instanceof IngestFileError) return 'file';
    throw error; // anything else escaping the parser fails the property
  }
}

const SAMPLES = [
  readFixture('okta', 'system-no-flattened-events.ndjson'),
  readFixture('cloudtrail', 'console-login.ndjson'),
  readFixture('gworkspace', 'login.ndjson'),
  readFixture('github', 'api-request-events.ndjson'),
  '{"event_id":"1","occurred_at":"2026-01-01T00:00:00Z","actor":"a","system":"s","action":"x"}\n',
  'event_id,occurred_at,actor,system,action\n1,2026-01-01T00:00:00Z,a,s,x\n',
];

const format = fc.constantFrom(...INGEST_FORMATS);
const chunkSize = fc.integer({ min: 1, max: 400 });

/** Malformed input of every kind quality.md names: random bytes, truncation, nesting, junk JSON. */
const malformed = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc
    .tuple(fc.constantFrom(...SAMPLES), fc.nat())
    .map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
  fc.tuple(fc.constantFrom(...SAMPLES), fc.nat()).map(([text, cut]) => {
    const gz = gzipSync(text);
    return gz.subarray(0, cut % (gz.length + 1));
  }),
  fc
    .tuple(fc.constantFrom(...SAMPLES), fc.nat(), fc.string({ maxLength: 5 }))
    .map(([text, at, junk]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + junk + text.slice(i + junk.length);
    }),
  fc.array(fc.json({ depthSize: 'medium' }), { maxLength: 8 }).map((l) => l.join('\n')),
  fc.json().map((j) => `{"Records":[${j},${j}]}`),
  fc
    .tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '{"a":', '{"Records":['))
    .map(([n, open]) => open.repeat(n)),
);

describe('parseEvents', () => {
  it('parses every format through the one entry point', async () => {
    const results = await Promise.all(
      INGEST_FORMATS.map(async (f, i) => collect(parseEvents(f, [SAMPLES[i] ?? '']))),
    );
    expect(results.map((r) => r.filter((x) => x.ok).length)).toEqual([25, 3, 17, 2, 1, 1]);
  });

  it('never throws anything but one IngestFileError on malformed input (property)', async () => {
    await fc.assert(
      fc.asyncProperty(format, malformed, chunkSize, async (f, input, size) => {
        const result = await outcome(f, chunked(input, size));
        expect(['ok', 'file']).toContain(result);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('survives hostile giants: a 3 MB string, 200k-deep nesting, a huge key', async () => {
    const inputs = [
      `{"actor":"${'x'.repeat(3 * 1024 * 1024)}"}\n{"a":1}`,
      `[{"actor":"${'x'.repeat(3 * 1024 * 1024)}"}, {"a":1}]`,
      '['.repeat(200_000),
      `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
      `{"Records":[{"${'k'.repeat(2 * 1024 * 1024)}":1}]}`,
      `${'9'.repeat(2 * 1024 * 1024)}`,
    ];
    for (const f of INGEST_FORMATS)
      for (const input of inputs)
        expect(['ok', 'file']).toContain(await outcome(f, chunked(input, 64 * 1024)));
  }, 60_000);
});
