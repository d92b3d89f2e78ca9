import { getEnv, type Env } from '@/server/env';

// connector: a connector's page (docs/CONNECTORS.md), under the HTTP API's limits.
export type IngestChannel = 'upload' | 'cli' | 'api' | 'connector';

/** What one ingest may cost on a path (docs/INGEST.md §Limits, docs/SECURITY.md §F1). */
export interface IngestLimits {
  /** Most bytes once decompressed. */
  maxBytes: number;
  /** Most lines, blank ones included. */
  maxLines: number;
  /** Most seconds for the whole run; null: none. */
  maxSeconds: number | null;
}

/**
 * The configured limits of each ingest path: the browser upload and the HTTP API share one set
 * (untrusted callers, answered 413), the CLI has its own, larger one (an operator's own files).
 */
export function ingestLimits(channel: IngestChannel, env: Env = getEnv()): IngestLimits {
  if (channel === 'cli')
    return {
      maxBytes: env.VIGIL_CLI_INGEST_MAX_DECOMPRESSED_BYTES,
      maxLines: env.VIGIL_CLI_INGEST_MAX_LINES,
      maxSeconds: env.VIGIL_CLI_INGEST_MAX_SECONDS || null,
    };
  return {
    maxBytes: env.VIGIL_INGEST_MAX_DECOMPRESSED_BYTES,
    maxLines: env.VIGIL_INGEST_MAX_LINES,
    maxSeconds: env.VIGIL_INGEST_MAX_SECONDS,
  };
}
