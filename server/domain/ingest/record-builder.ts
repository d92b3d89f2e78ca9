import type { Token } from 'stream-json/core/parser.js';
import { MAX_DEPTH, MAX_RECORD_CHARS, NUL_REASON } from './limits';
import type { JsonObject } from './values';

type Container = JsonObject | unknown[];

/**
 * Rebuilds one JSON value from stream-json's *streamed* tokens (strings and numbers arrive in
 * pieces), enforcing the record size and depth limits as it goes: once a limit is crossed it
 * drops what it built and only counts brackets until the value ends. stream-json's own Assembler
 * reads packed tokens, which the tokenizer accumulates without bound, hence this small builder.
 */
export class RecordBuilder {
  /** Containers open inside this value. */
  depth = 0;
  done = false;
  value: unknown = undefined;
  reason: string | null = null;
  /** The last object key completed at depth 1 (up to 64 characters), for envelope detection. */
  topKey: string | null = null;

  private size = 0;
  private stack: Container[] = [];
  private keys: (string | null)[] = [];
  private piece = '';
  private pieceKind: 'key' | 'string' | 'number' | null = null;

  constructor(readonly line: number) {}

  /** True once the value turned out to be an envelope whose elements are records of their own. */
  envelope = false;

  /** Stops building the envelope itself; brackets are still counted to find its end. */
  silence(): void {
    this.envelope = true;
    this.fail('envelope');
  }

  consume(token: Token): void {
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        this.depth++;
        this.grow(1);
        if (this.depth > MAX_DEPTH) this.fail(`JSON is nested deeper than ${MAX_DEPTH} levels`);
        if (this.reason === null) {
          this.stack.push(token.name === 'startObject' ? {} : []);
          this.keys.push(null);
        }
        return;
      case 'endObject':
      case 'endArray': {
        this.depth--;
        this.grow(1);
        if (this.reason !== null) {
          if (this.depth === 0) this.done = true;
          return;
        }
        const container = this.stack.pop();
        this.keys.pop();
        this.place(container);
        return;
      }
      case 'startKey':
      case 'startString':
      case 'startNumber':
        this.piece = '';
        this.pieceKind =
          token.name === 'startKey' ? 'key' : token.name === 'startString' ? 'string' : 'number';
        return;
      case 'stringChunk':
      case 'numberChunk':
        this.grow(token.value.length);
        if (token.value.includes('\u0000')) this.fail(NUL_REASON);
        if (this.reason === null || (this.pieceKind === 'key' && this.piece.length < 64))
          this.piece += token.value;
        return;
      case 'endKey':
        if (this.depth === 1) this.topKey = this.piece;
        if (this.reason === null) this.keys[this.keys.length - 1] = this.piece;
        this.pieceKind = null;
        return;
      case 'endString':
        this.pieceKind = null;
        this.place(this.piece);
        return;
      case 'endNumber':
        this.pieceKind = null;
        this.place(Number(this.piece));
        return;
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        this.grow(4);
        this.place(token.value);
        return;
      default:
        return; // packed tokens are switched off; whitespace is not emitted
    }
  }

  private grow(chars: number): void {
    this.size += chars;
    if (this.size > MAX_RECORD_CHARS)
      this.fail(`record is larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB`);
  }

  private fail(reason: string): void {
    if (this.reason !== null) return;
    this.reason = reason;
    this.stack = [];
    this.keys = [];
    this.piece = '';
  }

  private place(value: unknown): void {
    this.piece = '';
    if (this.reason !== null) {
      if (this.depth === 0) this.done = true;
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      this.value = value;
      this.done = true;
    } else if (Array.isArray(parent)) parent.push(value);
    else {
      const key = this.keys[this.keys.length - 1] ?? '';
      // Like JSON.parse: "__proto__" becomes an own property, never the prototype.
      if (key === '__proto__')
        Object.defineProperty(parent, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else parent[key] = value;
    }
  }
}
