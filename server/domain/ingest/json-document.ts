import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { IngestFileError } from './errors';
import { MAX_DOCUMENT_DEPTH } from './limits';
import { RecordBuilder } from './record-builder';

/** A record read (with its JSON text when it was a whole NDJSON line), or why it could not be. */
export type RawRecord =
  { line: number; value: unknown; text?: string } | { line: number; reason: string };

/**
 * Streams records out of a JSON document of any size: a top-level array yields its elements; a
 * top-level object holding one of `envelopeKeys` as an array (CloudTrail `{"Records": [...]}`,
 * a Google list page's `items`) yields that array's elements; any other top-level value (a
 * pretty-printed single event, concatenated objects) is a record itself. Memory is bounded by
 * one record, whatever the file size. Records carry the line they start on.
 */
export async function* readJsonDocument(
  chunks: AsyncIterable<string>,
  envelopeKeys: readonly string[],
): AsyncGenerator<RawRecord> {
  const reader = new DocumentReader(envelopeKeys);
  // Streamed (unpacked) tokens: the tokenizer then never accumulates a whole string or number.
  const parser = jsonParser({ packValues: false, streamValues: true, jsonStreaming: true });
  // Passing `none` flushes the tokenizer at the end of input (stream-chain's protocol).
  const tokenize = parser as (text: string | typeof none) => ReturnType<typeof parser>;
  let line = 1;
  const feed = (text: string | typeof none): RawRecord[] => {
    let result;
    try {
      result = tokenize(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new IngestFileError(
        text === none
          ? `The JSON ends early (truncated file?): ${message}`
          : `The input is not valid JSON at line ${line}: ${message.replace(/^Parser /, '')}`,
      );
    }
    const tokens: Token[] = result === none ? [] : isMany(result) ? getManyValues(result) : [];
    return reader.consume(tokens, line);
  };
  for await (const chunk of chunks) {
    // Fed one line at a time so every token is known to sit on the current line.
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      const piece = chunk.slice(start, newline === -1 ? chunk.length : newline + 1);
      if (piece) yield* feed(piece);
      if (newline === -1) break;
      line++;
      start = newline + 1;
    }
  }
  yield* feed(none);
}

class DocumentReader {
  private mode: 'idle' | 'array' | 'object' | 'envelope' = 'idle';
  private top: RecordBuilder | null = null;
  private element: RecordBuilder | null = null;
  private pendingEnvelope = false;

  constructor(private readonly envelopeKeys: readonly string[]) {}

  consume(tokens: Token[], line: number): RawRecord[] {
    const out: RawRecord[] = [];
    for (const token of tokens) {
      if (this.element) {
        this.element.consume(token);
        if (this.element.depth > MAX_DOCUMENT_DEPTH) tooDeep();
        if (this.element.done) {
          out.push(emit(this.element));
          this.element = null;
        }
        continue;
      }
      if (this.mode === 'array' || this.mode === 'envelope') {
        if (token.name === 'endArray') {
          this.mode = this.mode === 'array' ? 'idle' : 'object';
          continue;
        }
        this.startElement(token, line, out);
        continue;
      }
      if (this.mode === 'object' && this.top) {
        if (this.pendingEnvelope && token.name === 'startArray') {
          this.pendingEnvelope = false;
          this.top.silence();
          this.mode = 'envelope';
          continue;
        }
        this.pendingEnvelope = false;
        this.top.consume(token);
        if (this.top.depth > MAX_DOCUMENT_DEPTH) tooDeep();
        if (token.name === 'endKey' && this.top.depth === 1)
          this.pendingEnvelope = this.envelopeKeys.includes(this.top.topKey ?? '');
        if (this.top.done) {
          if (!this.top.envelope) out.push(emit(this.top));
          this.top = null;
          this.mode = 'idle';
        }
        continue;
      }
      // Between top-level values.
      if (token.name === 'startArray') this.mode = 'array';
      else if (token.name === 'startObject') {
        this.top = new RecordBuilder(line);
        this.top.consume(token);
        this.mode = 'object';
      } else this.startElement(token, line, out);
    }
    return out;
  }

  private startElement(token: Token, line: number, out: RawRecord[]): void {
    const builder = new RecordBuilder(line);
    builder.consume(token);
    if (builder.done) out.push(emit(builder));
    else this.element = builder;
  }
}

function emit(builder: RecordBuilder): RawRecord {
  return builder.reason === null
    ? { line: builder.line, value: builder.value }
    : { line: builder.line, reason: builder.reason };
}

function tooDeep(): never {
  throw new IngestFileError(
    `The JSON is nested deeper than ${MAX_DOCUMENT_DEPTH} levels; it is not a log file.`,
  );
}
