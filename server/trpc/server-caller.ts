import 'server-only';
import { cache } from 'react';
import { createRequestContext } from './context';
import { createCaller } from './root';

/** Server components read through this caller, so role checks and tenant scoping always apply. */
export const serverCaller = cache(async () => createCaller(await createRequestContext()));
