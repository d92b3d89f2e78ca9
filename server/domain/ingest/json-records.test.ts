import { describe, expect, it } from 'vitest';
import { IngestFileError } from './errors';
import { readJsonRecords, type RawRecord } from './json-records';
import { MAX_DEPTH, MAX_DOCUMENT_DEPTH, MAX_RECORD_CHARS } from './limits';
import { chunked } from './test-support';

async function read(text: string, envelopeKeys: string[] = ['Records'], size = 64 * 1024) {
  const out: RawRecord[] = [];
  for await (const r of readJsonRecords(toAsync(chunked(text, size)), envelopeKeys)) out.push(r);
  return out;
}

async function* toAsync(chunks: Iterable<string | Buffer>): AsyncGenerator<string> {
  for (const c of chunks) yield c.toString();
}

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const MB = MAX_RECORD_CHARS;

describe('readJsonRecords', () => {
  it('reads NDJSON, skipping blank lines, rejecting bad lines by number', async () => {
    // Each record keeps its line's text: it is stored as the event's raw JSON as is.
    expect(await read('{"a":1}\n\n{"a":\n{"a": 2}\r\n', [], 3)).toEqual([
      { line: 1, value: { a: 1 }, text: '{"a":1}' },
      { line: 3, reason: expect.stringMatching(/^not valid JSON/) as unknown },
      { line: 4, value: { a: 2 }, text: '{"a": 2}' },
    ]);
  });

  it('limits NDJSON lines by size and nesting, then carries on', async () => {
    const big = `{"a":"${'x'.repeat(MB)}"}`;
    const nested = `{"a":${deep(MAX_DEPTH + 1)}}`;
    const ok = `{"a":${deep(MAX_DEPTH - 1)}}`;
    expect(await read(`{"a":0}\n${big}\n${nested}\n${ok}\n{"a":"\\u0000"}\n{"a":3}`)).toEqual([
      { line: 1, value: { a: 0 }, text: '{"a":0}' },
      { line: 2, reason: 'line is longer than 1 MB' },
      { line: 3, reason: `JSON is nested deeper than ${MAX_DEPTH} levels` },
      { line: 4, value: { a: expect.any(Array) as unknown }, text: ok },
      { line: 5, reason: 'contains a NUL character (\\u0000), which cannot be stored' },
      { line: 6, value: { a: 3 }, text: '{"a":3}' },
    ]);
  });

  it('streams arrays and envelopes with the line each record starts on', async () => {
    const pretty = '[\n  {"a": 1},\n  {"a":\n 2}, 3\n]';
    expect(await read(pretty, [], 2)).toEqual([
      { line: 2, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
      { line: 4, value: 3 },
    ]);
    const envelope =
      '{"meta": {"x": 1},\n "Records": [\n{"a":1},\n{"a":2}], "tail": true}\n{"b":1}';
    expect(await read(envelope, ['Records'], 5)).toEqual([
      { line: 3, value: { a: 1 } },
      { line: 4, value: { a: 2 } },
      { line: 5, value: { b: 1 } }, // a further top-level value is a record of its own
    ]);
  });

  it('limits records inside a streamed document and resumes after them', async () => {
    const big = `{"s":"${'y'.repeat(MB)}"}`;
    const text = `[{"a":1}, ${big}, ${`{"d":${deep(MAX_DEPTH + 5)}}`}, {"k":"\\u0000"}, {"__proto__":{"p":1}}, {"a":2}]`;
    const records = await read(text, [], 4096);
    expect(records.map((r) => ('reason' in r ? r.reason : r.value))).toEqual([
      { a: 1 },
      'record is larger than 1 MB',
      `JSON is nested deeper than ${MAX_DEPTH} levels`,
      'contains a NUL character (\\u0000), which cannot be stored',
      JSON.parse('{"__proto__":{"p":1}}') as unknown,
      { a: 2 },
    ]);
    const proto = records[4] && 'value' in records[4] ? records[4].value : null;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(({} as { p?: number }).p).toBeUndefined();
    // Streams megabytes through the parser: generous under a loaded CI machine, not a benchmark.
  }, 30_000);

  it('treats a first line longer than a record as a document', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => ({ id: i, pad: 'z'.repeat(400) }));
    const out = await read(JSON.stringify({ Records: records }), ['Records'], 10_000);
    expect(out).toHaveLength(3000);
    expect(out.every((r) => r.line === 1 && 'value' in r)).toBe(true);
  });

  it.each([
    ['hello', /not JSON \(it starts with "hello"\)/],
    ['<html>', /not JSON/],
    ['[{"a":1}', /ends early/],
    ['[{"a":1}}]', /not valid JSON at line 1/],
    ['{\n"a": 1,,\n}', /not valid JSON at line 2/],
    [deep(MAX_DOCUMENT_DEPTH + 2), /nested deeper than 1024 levels/],
  ])('refuses %j as a whole', async (text, message) => {
    const run = read(text);
    await expect(run).rejects.toBeInstanceOf(IngestFileError);
    await expect(read(text)).rejects.toThrow(message);
  });

  it('yields nothing for empty or blank input', async () => {
    expect(await read('')).toEqual([]);
    expect(await read(' \n\n ')).toEqual([]);
  });
});
