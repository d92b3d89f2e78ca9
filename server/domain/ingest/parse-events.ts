import { parseCanonicalNdjson } from './canonical';
import { parseCanonicalCsv } from './canonical-csv';
import { parseCloudTrail } from './cloudtrail';
import type { DecodeOptions, IngestInput } from './decode';
import type { ParsedRecord } from './event';
import { parseGitHub } from './github';
import { parseGoogleWorkspace } from './gworkspace';
import { parseOkta } from './okta';

export const INGEST_FORMATS = [
  'okta',
  'cloudtrail',
  'gworkspace',
  'github',
  'ndjson',
  'csv',
] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

const PARSERS: Record<
  IngestFormat,
  (input: IngestInput, options?: DecodeOptions) => AsyncGenerator<ParsedRecord>
> = {
  okta: parseOkta,
  cloudtrail: parseCloudTrail,
  gworkspace: parseGoogleWorkspace,
  github: parseGitHub,
  ndjson: parseCanonicalNdjson,
  csv: parseCanonicalCsv,
};

/**
 * The one ingest entry point (`vigil ingest --format`, `POST /api/v1/ingest/{format}`): yields
 * one result per record, in file order, reading the input as a stream (gzip detected by its
 * magic bytes). A problem with the whole input ends the stream with one `IngestFileError`.
 */
export function parseEvents(
  format: IngestFormat,
  input: IngestInput,
  options?: DecodeOptions,
): AsyncGenerator<ParsedRecord> {
  return PARSERS[format](input, options);
}
