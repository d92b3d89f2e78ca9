import { INDICATOR_FILE_MAX_BYTES, type ParsedFeed } from './feed';
import { looksLikeMisp, parseMispEvents } from './misp-import';
import { parseStixBundle } from './stix-import';

/**
 * An uploaded indicator file: a STIX 2.1 bundle or MISP JSON event, told apart by shape. A file
 * over the limit or not JSON is rejected whole.
 */
export function parseIndicatorFile(
  text: string,
  source?: string,
  maxBytes = INDICATOR_FILE_MAX_BYTES,
): ParsedFeed {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes)
    return {
      format: 'stix',
      entries: [],
      ignored: 0,
      rejected: [
        {
          id: '(bundle)',
          reason: `the file is ${(bytes / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB (split it)`,
        },
      ],
    };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      format: 'stix',
      entries: [],
      ignored: 0,
      rejected: [{ id: '(bundle)', reason: `not valid JSON: ${(error as Error).message}` }],
    };
  }
  return looksLikeMisp(data) ? parseMispEvents(data, source) : parseStixBundle(data, source);
}
