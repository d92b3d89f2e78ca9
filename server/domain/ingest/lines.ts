/** One line of text, or the marker of a line longer than the limit (its text is not kept). */
export type Line = { line: number; text: string } | { line: number; tooLong: true };

/**
 * Splits text chunks into lines (LF or CRLF) holding at most `maxChars` of one line in memory:
 * the rest of an over-long line is skipped, so a 2 GB line costs no more than a short one.
 * Empty lines are skipped (their numbers still count).
 */
export async function* splitLines(
  chunks: AsyncIterable<string>,
  maxChars: number,
): AsyncGenerator<Line> {
  let pending = '';
  let overflow = false;
  let line = 1;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      const piece = chunk.slice(start, newline === -1 ? chunk.length : newline);
      if (!overflow) {
        if (pending.length + piece.length > maxChars) {
          overflow = true;
          pending = '';
        } else pending += piece;
      }
      if (newline === -1) break;
      // Blank lines are only counted: the readers skip them anyway, and not yielding each one
      // keeps a body of newlines cheap (docs/SECURITY.md §F1).
      if (overflow || (pending !== '' && pending !== '\r')) yield finish(line, pending, overflow);
      line += 1;
      pending = '';
      overflow = false;
      start = newline + 1;
    }
  }
  if (overflow || pending) yield finish(line, pending, overflow);
}

function finish(line: number, text: string, overflow: boolean): Line {
  if (overflow) return { line, tooLong: true };
  return { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
}
