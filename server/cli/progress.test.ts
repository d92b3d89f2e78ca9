import { describe, expect, it } from 'vitest';
import { formatProgress, startProgress } from './progress';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 80, write: (s: string) => written.push(s) > 0 } };
}

describe('CLI progress', () => {
  it('shows done/total, percent, rate and ETA once there is history', () => {
    expect(
      formatProgress({
        label: 'Ingesting',
        done: 50 * 1024 ** 2,
        total: 200 * 1024 ** 2,
        elapsedMs: 10_000,
        unit: 'bytes',
      }),
    ).toBe('Ingesting  50.0 MiB/200.0 MiB (25%)  5.0 MiB/s  ETA 0:30');
    expect(
      formatProgress({
        label: 'Importing',
        done: 1200,
        total: 4800,
        elapsedMs: 2000,
        unit: 'rows',
      }),
    ).toBe('Importing  1,200/4,800 (25%)  600 rows/s  ETA 0:06');
    // Steps are not alike: no rate, but an ETA all the same.
    expect(
      formatProgress({
        label: 'Seeding',
        done: 3,
        total: 12,
        elapsedMs: 90_000,
        unit: 'steps',
        note: 'access',
      }),
    ).toBe('Seeding  3/12 (25%)  ETA 4:30  access');
    // Unknown length (stdin), and the first instant: no rate, no ETA.
    expect(
      formatProgress({
        label: 'Ingesting',
        done: 2048,
        total: null,
        elapsedMs: 500,
        unit: 'bytes',
      }),
    ).toBe('Ingesting  2.0 KiB');
  });

  it('draws on a terminal and stays silent with --json or when piped', () => {
    let t = 0;
    const tty = fakeStream(true);
    const p = startProgress({ json: false }, 'Importing', 10, 'rows', tty.stream, () => t);
    p.update(1);
    t = 50;
    p.update(2); // throttled
    t = 200;
    p.update(10); // the last update always draws
    p.finish();
    expect(tty.written).toHaveLength(3);
    expect(tty.written[0]).toMatch(/^\rImporting {2}1\/10 \(10%\)/);
    expect(tty.written[2]).toBe('\n');

    for (const [out, isTTY] of [
      [{ json: true }, true],
      [{ json: false }, false],
    ] as const) {
      const quiet = fakeStream(isTTY);
      const q = startProgress(out, 'Importing', 10, 'rows', quiet.stream);
      q.update(5);
      q.finish();
      expect(quiet.written).toEqual([]);
    }
  });
});
