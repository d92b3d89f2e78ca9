import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LINES_PER_TURN, meterText } from './budget';
import { IngestFileError, IngestTooLargeError } from './errors';
import { parseEvents } from './parse-events';

const EVENT =
  '{"event_id":"e-1","occurred_at":"2026-11-01T10:00:00Z","actor":"ada@acme.test","system":"Support Console","action":"customer.view"}';

async function drain<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('meterText', () => {
  it('passes the text through unchanged, cut only after a newline', async () => {
    const text = `${'a\n'.repeat(LINES_PER_TURN * 3 + 5)}tail without newline`;
    const pieces = await drain(meterText([text.slice(0, 1000), text.slice(1000)]));
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces.slice(0, -1)) expect(piece.endsWith('\n')).toBe(true);
  });

  it('refuses an input with more lines than the budget, blank lines included', async () => {
    const run = drain(meterText([`${EVENT}\n${'\n'.repeat(50_000)}`], { maxLines: 10_000 }));
    await expect(run).rejects.toBeInstanceOf(IngestTooLargeError);
    await expect(
      drain(meterText([`${EVENT}\n${'\n'.repeat(50_000)}`], { maxLines: 10_000 })),
    ).rejects.toThrow('The input has more than 10,000 lines; split it into smaller files.');
  });

  it('stops when the time budget is spent (a clock passed in, no real waiting)', async () => {
    let t = 0;
    const now = () => (t += 1000); // every look at the clock: one more second
    const run = drain(meterText(['x\n'.repeat(LINES_PER_TURN * 20)], { maxSeconds: 5, now }));
    await expect(run).rejects.toThrow(
      'The input took longer than 5 s to read; split it into smaller files.',
    );
  });

  it('stops reading once the request is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = drain(meterText(['x\n'], { signal: controller.signal }));
    await expect(run).rejects.toBeInstanceOf(IngestFileError);
  });
});

describe('parsing a large body', () => {
  it('refuses a gzip body of newlines (one event, then a flood) at the line budget', async () => {
    const bomb = gzipSync(Buffer.from(`${EVENT}\n${'\n'.repeat(4 * 1024 * 1024)}`));
    expect(bomb.length).toBeLessThan(20_000);
    const records: unknown[] = [];
    const run = (async () => {
      for await (const r of parseEvents('ndjson', [bomb], { maxLines: 100_000 })) records.push(r);
    })();
    await expect(run).rejects.toThrow(/more than 100,000 lines/);
    expect(records).toHaveLength(1); // the valid first line; the caller stores nothing of it
  });

  it('hands the event loop back while one big chunk is parsed', async () => {
    // One string chunk of 60,000 lines: without the budget's pauses every line would be parsed in
    // microtasks, and a setImmediate callback queued before could not run until the end.
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      i % 2 ? '' : EVENT.replace('e-1', `e-${i}`),
    );
    const body = `${lines.join('\n\n')}\n`;
    let turns = 0;
    let parsing = true;
    const tick = () => {
      if (!parsing) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    let ok = 0;
    for await (const r of parseEvents('ndjson', [body])) if (r.ok) ok += 1;
    parsing = false;
    expect(ok).toBe(10_000);
    // 40,000 lines, a pause every 1,024: the other callback ran between the pieces.
    expect(turns).toBeGreaterThanOrEqual(Math.floor(40_000 / LINES_PER_TURN) - 1);
  });
});
