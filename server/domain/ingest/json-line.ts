import { MAX_DEPTH } from './limits';

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parses one NDJSON line. Nesting is measured before `JSON.parse` so a hostile `[[[[…` line is
 * refused without building it.
 */
export function parseJsonLine(text: string): JsonParse {
  const depth = mayNestDeeper(text) ? nestingDepth(text) : 0;
  if (depth > MAX_DEPTH)
    return { ok: false, reason: `JSON is nested deeper than ${MAX_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof SyntaxError ? error.message : 'unreadable';
    return { ok: false, reason: `not valid JSON: ${message.slice(0, 200)}` };
  }
}

/**
 * Nesting can only pass the limit with more opening brackets than the limit (counting those in
 * strings too): a native indexOf count settles the common flat record without the full scan.
 */
function mayNestDeeper(text: string): boolean {
  let openers = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1))
      if (++openers > MAX_DEPTH) return true;
  }
  return false;
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
