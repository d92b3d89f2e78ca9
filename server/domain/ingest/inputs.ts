import { z } from 'zod';
import { INGEST_FORMATS } from './parse-events';

/** The log format an upload, an API request or the CLI names. */
export const ingestFormatSchema = z.enum(INGEST_FORMATS);
