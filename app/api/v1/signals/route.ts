import { observed } from '@/server/api/observed-route';
import { serveRead } from '@/server/api/read-route';
import { readSignalsSchema } from '@/server/domain/read-api/inputs';
import { readSignals } from '@/server/services/read-api/signal-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/v1/signals`: signals, newest first (docs/INTERFACES.md §HTTP read API; documented in server/api/openapi-read.ts). */
function handleGET(request: Request): Promise<Response> {
  return serveRead(request, 'read.signals', readSignalsSchema, readSignals);
}

export const GET = observed('/api/v1/signals', handleGET);
