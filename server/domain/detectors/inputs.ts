import { z } from 'zod';

/** `vigil detect --since`: re-run the detectors over every event from this time. */
export const detectSinceSchema = z.coerce.date();
