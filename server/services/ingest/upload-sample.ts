import { constants, gunzipSync } from 'node:zlib';

// The first bytes of an upload, kept while it streams through the parser, so a mostly rejected
// file can be matched against the known formats afterwards (docs/INGEST.md §Format hints).

const SAMPLE_BYTES = 64 * 1024;

export interface UploadSample {
  chunks: AsyncGenerator<Uint8Array>;
  /** The kept bytes as text (gunzipped as far as they go). */
  text: () => string;
}

export function keepUploadSample(chunks: AsyncIterable<Uint8Array>): UploadSample {
  const kept: Buffer[] = [];
  let size = 0;
  async function* pass() {
    for await (const chunk of chunks) {
      if (size < SAMPLE_BYTES) {
        const part = Buffer.from(chunk.subarray(0, SAMPLE_BYTES - size));
        kept.push(part);
        size += part.length;
      }
      yield chunk;
    }
  }
  return {
    chunks: pass(),
    text: () => {
      let bytes = Buffer.concat(kept);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
          // A cut gzip stream: inflate what is there instead of failing at its missing end.
          bytes = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
        } catch {
          return '';
        }
      }
      return bytes.subarray(0, SAMPLE_BYTES * 4).toString('utf8');
    },
  };
}
