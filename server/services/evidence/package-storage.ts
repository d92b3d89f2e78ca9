import path from 'node:path';
import { getEnv } from '@/server/env';

/** Generated packages live as files here: streamed in and out, never held in memory or the DB. */
export function evidenceDir(): string {
  const env = getEnv();
  // A runtime folder from the environment: nothing for the bundler to trace.
  return path.resolve(
    /* turbopackIgnore: true */
    env.VIGIL_EVIDENCE_PACKAGES_DIR ?? path.join(env.VIGIL_DATA_DIR, 'evidence-packages'),
  );
}
