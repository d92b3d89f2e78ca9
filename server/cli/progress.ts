import type { Out } from './args';

/** What is counted: bytes read, rows or items handled, or named steps of a longer job. */
export type ProgressUnit = 'bytes' | 'rows' | 'steps';

export interface ProgressState {
  label: string;
  done: number;
  /** Unknown for a stream of unknown length (stdin). */
  total: number | null;
  elapsedMs: number;
  unit: ProgressUnit;
  note?: string;
}

function amount(n: number, unit: ProgressUnit): string {
  if (unit !== 'bytes') return n.toLocaleString('en-US');
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m >= 60
    ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
    : `${m}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * One status line: `label  done/total (pct)  rate  ETA m:ss  note`. Rate and ETA appear once
 * there is a second of history to base them on; steps show no rate (they are not alike).
 */
export function formatProgress(p: ProgressState): string {
  const parts = [p.label];
  const of = p.total !== null ? `/${amount(p.total, p.unit)}` : '';
  const pct =
    p.total !== null && p.total > 0
      ? ` (${Math.min(100, Math.floor((p.done / p.total) * 100))}%)`
      : '';
  parts.push(`${amount(p.done, p.unit)}${of}${pct}`);
  if (p.elapsedMs >= 1000 && p.done > 0) {
    const perSecond = p.done / (p.elapsedMs / 1000);
    if (p.unit !== 'steps')
      parts.push(
        p.unit === 'bytes'
          ? `${amount(perSecond, 'bytes')}/s`
          : `${amount(Math.round(perSecond), 'rows')} rows/s`,
      );
    if (p.total !== null && p.done < p.total)
      parts.push(`ETA ${duration(((p.total - p.done) / perSecond) * 1000)}`);
  }
  if (p.note) parts.push(p.note);
  return parts.join('  ');
}

export interface Progress {
  update(done: number, note?: string): void;
  /** Ends the status line; the command's result follows on stdout. */
  finish(): void;
}

type StatusStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

/**
 * A status line on stderr, redrawn at most ten times a second, only for a person watching: with
 * `--json` or when stderr is not a terminal (piped, CI, a script) it writes nothing, so stdout and
 * stderr stay machine-readable (docs/INTERFACES.md §Exit codes and output).
 */
export function startProgress(
  out: Out,
  label: string,
  total: number | null,
  unit: ProgressUnit,
  stream: StatusStream = process.stderr,
  now: () => number = Date.now,
): Progress {
  if (out.json || !stream.isTTY) return { update: () => {}, finish: () => {} };
  const started = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  const draw = (done: number, note?: string) => {
    const line = formatProgress({ label, done, total, elapsedMs: now() - started, unit, note });
    const width = Math.max(20, (stream.columns || 100) - 1);
    stream.write(`\r${line.slice(0, width).padEnd(width)}`);
    drawn = true;
  };
  return {
    update(done, note) {
      const t = now();
      if (t - lastDraw < 100 && (total === null || done < total)) return;
      lastDraw = t;
      draw(done, note);
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
