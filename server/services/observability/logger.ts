import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { REDACT_PATHS, REDACTED } from '@/server/domain/observability/log-fields';
import { currentRequestContext } from './request-context';

/**
 * The one logger of the server (docs/OPERATIONS.md §Logs): JSON lines on stdout with an ISO
 * time, the level's name, and the current request's id, route and tenant when there is one.
 * `VIGIL_LOG_LEVEL` sets the level (default `info`; `silent` under the test runner, where a test
 * that wants the lines captures them with `captureLogs`).
 */
const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function level(): string {
  // server/env.ts refuses an unknown level at start-up with a clear message; pino would throw.
  const configured = process.env.VIGIL_LOG_LEVEL;
  if (configured && LEVELS.has(configured)) return configured;
  return process.env.VITEST ? 'silent' : 'info';
}

interface LoggerHolder {
  logger: Logger;
  sink: { write: (line: string) => void };
}

function build(): LoggerHolder {
  const holder: LoggerHolder = {
    sink: { write: (line) => void process.stdout.write(line) },
    logger: undefined as unknown as Logger,
  };
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      holder.sink.write(chunk.toString());
      done();
    },
  });
  holder.logger = pino(
    {
      level: level(),
      base: { service: 'vigil', pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      mixin() {
        const c = currentRequestContext();
        return c
          ? { requestId: c.requestId, route: c.route, ...(c.orgId ? { orgId: c.orgId } : {}) }
          : {};
      },
    },
    destination,
  );
  return holder;
}

// One per process, so Next.js's bundles and a dev server's reloads share it.
const global = globalThis as { __vigilLogger?: LoggerHolder };
const holder = (global.__vigilLogger ??= build());

export const log: Logger = holder.logger;

/** The CLI's stdout is its answer, so its log lines go to stderr. */
export function sendLogsToStderr(): void {
  holder.sink = { write: (line) => void process.stderr.write(line) };
}

/** Collects the lines written from now until `stop` (tests); the level is `info` meanwhile. */
export function startLogCapture(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const previous = { sink: holder.sink, level: log.level };
  holder.sink = { write: (line) => void lines.push(line) };
  log.level = 'info';
  return {
    lines,
    stop() {
      holder.sink = previous.sink;
      log.level = previous.level;
    },
  };
}

/** Collects the lines written while `fn` runs (tests). */
export async function captureLogs<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; lines: string[] }> {
  const capture = startLogCapture();
  try {
    return { result: await fn(), lines: capture.lines };
  } finally {
    capture.stop();
  }
}
