// Bounds on untrusted input (docs/RELIABILITY.md §Untrusted input: huge fields, deep nesting, zip
// bombs).

/** Largest single record (one NDJSON line, one array element, one CSV row), in characters. */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** Deepest nesting accepted inside one record; real Okta / CloudTrail / Google records stay under 12. */
export const MAX_DEPTH = 64;

/**
 * Nesting at which a streamed JSON document is abandoned as a whole: the tokenizer keeps one stack
 * entry per open level, so unbounded `[[[[…` would grow memory with file size.
 */
export const MAX_DOCUMENT_DEPTH = 1024;

/** Longest string kept in a normalized field; longer ones are clipped (raw keeps the original). */
export const MAX_FIELD_CHARS = 1024;

/** PostgreSQL text and jsonb cannot hold U+0000, so a record carrying one is refused up front. */
export const NUL_REASON = 'contains a NUL character (\\u0000), which cannot be stored';
