/**
 * A problem with the input as a whole (not JSON, not valid gzip, a wrong format, too large): the
 * parsers throw it once and stop. Its message is written for the person who supplied the file.
 */
export class IngestFileError extends Error {
  override readonly name = 'IngestFileError';
}
