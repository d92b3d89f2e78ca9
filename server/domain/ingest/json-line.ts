import { MAX_DEPTH } from './limits';

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parses one NDJSON line. Nesting is measured before `JSON.parse` so a hostile `[[[[…` line is
 * refused without building it.
 */
export function parseJsonLine(text: string): JsonParse {
  const depth = nestingDepth(text);
  if (depth > MAX_DEPTH)
    return { ok: false, reason: `JSON is nested deeper than ${MAX_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof SyntaxError ? error.message : 'unreadable';
    return { ok: false, reason: `not valid JSON: ${message.slice(0, 200)}` };
  }
}

/** Deepest bracket nesting outside strings; stops counting once past the limit. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > MAX_DEPTH) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
