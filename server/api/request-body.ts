import { IngestFileError, IngestTooLargeError } from '@/server/domain/ingest/errors';

export interface MeteredBody {
  /** The body's bytes, as the parser's input. */
  chunks: AsyncGenerator<Uint8Array>;
  /** True once the body went over the limit: the request answers 413 whatever the parser said. */
  readonly exceeded: boolean;
}

/**
 * Streams a request body while counting its bytes, so a body without (or with a false)
 * Content-Length still stops at the limit instead of being read to the end. Over the limit it
 * throws IngestTooLargeError, which the ingest service records on the batch like any file error.
 * With `expectGzip` (the client sent Content-Encoding: gzip) a body that does not start with the
 * gzip magic bytes is refused by name, rather than being parsed as garbled text.
 */
export function meterBody(
  body: ReadableStream<Uint8Array>,
  options: { maxBytes: number; expectGzip: boolean },
): MeteredBody {
  const state = { bytes: 0, exceeded: false };
  async function* read(): AsyncGenerator<Uint8Array> {
    const reader = body.getReader();
    // Bytes held back until two are known, to check the gzip magic across tiny first chunks.
    let head: Uint8Array | null = options.expectGzip ? new Uint8Array(0) : null;
    try {
      for (;;) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch {
          // A client that hangs up mid-body: a file error, so the batch is closed and audited.
          throw new IngestFileError('The request body ended before it was complete.');
        }
        if (next.done) break;
        state.bytes += next.value.byteLength;
        if (state.bytes > options.maxBytes) {
          state.exceeded = true;
          throw new IngestTooLargeError(
            `The request body is larger than ${describeBytes(options.maxBytes)}; send it in smaller requests.`,
          );
        }
        if (head === null) {
          yield next.value;
          continue;
        }
        head = concat(head, next.value);
        if (head.length < 2) continue;
        if (!isGzip(head)) throw notGzip();
        const first = head;
        head = null;
        yield first;
      }
      if (head !== null && head.length > 0) throw notGzip();
    } finally {
      // No cancel(): the HTTP server discards the unread rest after answering, whereas tearing
      // the stream down early risks closing the connection before the 413 / 400 is written.
      reader.releaseLock();
    }
  }
  return {
    chunks: read(),
    get exceeded() {
      return state.exceeded;
    },
  };
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  if (bytes >= 1024 ** 2) return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`;
  return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function notGzip(): IngestFileError {
  return new IngestFileError(
    'The request says Content-Encoding: gzip, but the body is not gzip data; compress it or drop the header.',
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
