import { IngestFileError, IngestTooLargeError } from './errors';

// The work one ingest may cost (docs/SECURITY.md §F1): a line count and a time budget on top of
// the decompressed-size cap, so a small gzip body of newlines cannot hold a core for minutes, and
// parsing hands the event loop back often so other requests stay fast while a big body is read.

export interface WorkBudget {
  /** Most lines (newlines counted, blank lines included) one input may hold. */
  maxLines?: number;
  /** Most seconds from the first byte to the last; null or undefined: no time limit. */
  maxSeconds?: number | null;
  /** The request ended (client gone, server stopping): stop reading. */
  signal?: AbortSignal;
  /** The clock; tests pass their own. */
  now?: () => number;
  /** Hands the event loop back between pieces; tests may count the turns. */
  pause?: () => Promise<void>;
}

/** A generous default for callers that name none (the services pass configured limits). */
export const DEFAULT_MAX_LINES = 100_000_000;

/**
 * Lines handed downstream between two turns of the event loop. A blank line costs well under a
 * microsecond and a record some tens, so a turn stays in the low milliseconds either way.
 */
export const LINES_PER_TURN = 1024;
/** Text handed downstream between two turns when lines are long or absent (a JSON document). */
const CHARS_PER_TURN = 256 * 1024;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Passes text chunks through unchanged, cut at line ends into pieces of at most LINES_PER_TURN
 * lines, counting lines and time as it goes and awaiting a new event-loop turn between pieces.
 * Over a limit it throws IngestTooLargeError (the HTTP routes answer 413); a cancelled request
 * throws IngestFileError. Cuts fall only after a newline, so no character or record is split.
 */
export async function* meterText(
  chunks: AsyncIterable<string> | Iterable<string>,
  budget: WorkBudget = {},
): AsyncGenerator<string> {
  const maxLines = budget.maxLines ?? DEFAULT_MAX_LINES;
  const now = budget.now ?? Date.now;
  const pause = budget.pause ?? nextTurn;
  const deadline = budget.maxSeconds ? now() + budget.maxSeconds * 1000 : null;
  let lines = 0;
  let charsThisTurn = 0;
  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      // Find the end of the next piece: LINES_PER_TURN newlines further, or the chunk's end.
      let end = start;
      let counted = 0;
      while (counted < LINES_PER_TURN) {
        const newline = chunk.indexOf('\n', end);
        if (newline === -1) {
          end = chunk.length;
          break;
        }
        counted += 1;
        end = newline + 1;
      }
      lines += counted;
      if (lines > maxLines)
        throw new IngestTooLargeError(
          `The input has more than ${maxLines.toLocaleString('en-US')} lines; split it into smaller files.`,
        );
      check(budget.signal, deadline, now, budget.maxSeconds);
      yield start === 0 && end === chunk.length ? chunk : chunk.slice(start, end);
      charsThisTurn += end - start;
      start = end;
      if (counted === LINES_PER_TURN || charsThisTurn >= CHARS_PER_TURN) {
        await pause();
        charsThisTurn = 0;
        check(budget.signal, deadline, now, budget.maxSeconds);
      }
    }
  }
}

function check(
  signal: AbortSignal | undefined,
  deadline: number | null,
  now: () => number,
  maxSeconds: number | null | undefined,
): void {
  if (signal?.aborted)
    throw new IngestFileError(
      'The request was cancelled before it was read in full (the client hung up).',
    );
  if (deadline !== null && now() > deadline)
    throw new IngestTooLargeError(
      `The input took longer than ${maxSeconds} s to read; split it into smaller files.`,
    );
}
