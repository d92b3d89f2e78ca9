import { z } from 'zod';

/** An opaque keyset-pagination cursor as a list input carries it (decoded by the service). */
export const cursorSchema = z.string().max(2000).optional();
