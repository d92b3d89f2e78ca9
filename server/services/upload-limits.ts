import { UserFacingError } from './errors';

/** Browser uploads; larger files go through the CLI or the HTTP API. */
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

/**
 * Counts bytes as a request body streams and stops it once over the limit, for bodies sent
 * without (or with a false) Content-Length.
 */
export async function* limitBodyBytes(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  let seen = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
      if (seen > maxBytes)
        throw new UserFacingError(
          'PRECONDITION_FAILED',
          `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; use the CLI or the API.`,
        );
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
