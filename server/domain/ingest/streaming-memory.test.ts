import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseEvents } from './parse-events';

const LINES = 200_000;

/** 200k canonical NDJSON lines (≈ 45 MB), produced on demand: the file never exists whole. */
function* canonicalLines(): Generator<string> {
  let batch = '';
  for (let i = 0; i < LINES; i++) {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    batch += `{"event_id":"ev-${i}","occurred_at":"${at}","actor":"person${i % 500}@vendor.example","system":"Support Console","action":"customer.view","resource":"customer/${i}","record_count":${i % 7},"ip":"203.0.113.${i % 250}","country":"PH","user_agent":"Mozilla/5.0 (X11; Linux x86_64)"}\n`;
    if (i % 1000 === 999) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

describe('streaming memory', () => {
  it('parses a 200k-line stream with flat memory (heap growth well under 100 MB)', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let ok = 0;
    let total = 0;
    for await (const result of parseEvents('ndjson', Readable.from(canonicalLines()))) {
      total++;
      if (result.ok) ok++;
      if (total % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(ok).toBe(LINES);
    // Holding the input or the events would cost several hundred MB; streaming holds one batch.
    expect((peak - baseline) / 1024 / 1024).toBeLessThan(100);
  }, 120_000);
});
