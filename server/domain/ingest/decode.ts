import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { meterText, type WorkBudget } from './budget';
import { IngestFileError, IngestTooLargeError } from './errors';

/** A file, an HTTP body or stdin: a Node Readable, a web stream or any (async) iterable of chunks. */
export type IngestInput = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface DecodeOptions extends WorkBudget {
  /**
   * Most bytes read after decompression; a zip bomb stops here with one clear error. The ingest
   * service passes the configured limit of each path (docs/INGEST.md §Limits); the default only
   * guards callers that name none.
   */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 8 * 1024 ** 3;

const GZIP = [0x1f, 0x8b];

/**
 * Turns raw input into UTF-8 text chunks without ever holding the whole input: gzip is detected
 * by its magic bytes (so a `.gz` upload needs no flag), a UTF-8 BOM is dropped, invalid bytes
 * become U+FFFD (the record then fails validation, not the file). The text is metered on the way
 * out (budget.ts): lines and time counted, the event loop handed back between pieces.
 */
export function decodeText(
  input: IngestInput,
  options: DecodeOptions = {},
): AsyncGenerator<string> {
  return meterText(decodeBytes(input, options), options);
}

async function* decodeBytes(input: IngestInput, options: DecodeOptions): AsyncGenerator<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const iterator = toAsync(input)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  if (typeof first.value === 'string') {
    // Already text (tests, a framework that decoded the body): nothing to sniff.
    yield* limitText(prepend(first.value, iterator), maxBytes);
    return;
  }
  let head = Buffer.from(first.value);
  const rest = iterator;
  while (head.length < 4) {
    const next = await rest.next();
    if (next.done) break;
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  refuseKnownBinary(head);
  const bytes = prepend(head, rest);
  const isGzip = head[0] === GZIP[0] && head[1] === GZIP[1];
  const raw = isGzip ? gunzip(bytes) : bytes;
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  for await (const chunk of raw) {
    const buffer = toBuffer(chunk);
    total += buffer.length;
    if (total > maxBytes)
      throw new IngestTooLargeError(
        `The input is larger than ${formatBytes(maxBytes)}${isGzip ? ' once decompressed' : ''}; split it.`,
      );
    const text = decoder.decode(buffer, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function refuseKnownBinary(head: Buffer): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    throw new IngestFileError('The input is UTF-16 text; export it as UTF-8.');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    throw new IngestFileError('The input is a ZIP archive; extract the log files from it first.');
}

async function* gunzip(bytes: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
  const source = Readable.from(bytes, { objectMode: false });
  const gz = createGunzip();
  // pipeline forwards errors from either side and destroys both, so nothing is left open.
  const done = pipeline(source, gz).catch((error: unknown) => error);
  try {
    for await (const chunk of gz) yield chunk as Buffer;
  } catch (error) {
    // A problem the source itself reported (e.g. an HTTP body over its limit) is not damaged gzip.
    if (error instanceof IngestFileError) throw error;
    throw new IngestFileError(`The gzip data is damaged or truncated (${describe(error)}).`);
  } finally {
    gz.destroy();
  }
  const error = await done;
  if (error instanceof IngestFileError) throw error;
  if (error)
    throw new IngestFileError(`The gzip data is damaged or truncated (${describe(error)}).`);
}

async function* limitText(
  chunks: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  let first = true;
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    total += text.length;
    if (total > maxBytes)
      throw new IngestTooLargeError(`The input is larger than ${formatBytes(maxBytes)}; split it.`);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (text) yield text;
  }
}

async function* prepend(
  head: Uint8Array | string,
  rest: AsyncIterator<Uint8Array | string>,
): AsyncGenerator<Uint8Array | string> {
  yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

async function* toAsync<T>(input: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* input;
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  return typeof chunk === 'string'
    ? Buffer.from(chunk, 'utf8')
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${bytes / 1024 ** 3} GiB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}
