/**
 * A problem with the input as a whole (not JSON, not valid gzip, a wrong format, too large): the
 * parsers throw it once and stop. Its message is written for the person who supplied the file.
 */
export class IngestFileError extends Error {
  override readonly name = 'IngestFileError';
}

/**
 * The input is over a size limit (the body as sent, or once decompressed). Still an
 * IngestFileError (same name, so callers that catch file errors keep working); the HTTP API
 * answers it with 413 rather than 400.
 */
export class IngestTooLargeError extends IngestFileError {}
