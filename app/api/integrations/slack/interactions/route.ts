import { observed } from '@/server/api/observed-route';
import { requestMetaFromHeaders } from '@/server/auth/request-meta';
import { handleSlackInteraction } from '@/server/services/chat/slack-interactions';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Slack's interaction payloads are small; anything larger is not from Slack.
const MAX_BODY_BYTES = 64 * 1024;

/**
 * `POST /api/integrations/slack/interactions` (docs/INTEGRATIONS.md §Slack): Slack's
 * interactivity request URL. The raw body is read as sent (the signature covers its bytes) and
 * handed to the service, which verifies it, decides and answers within Slack's three seconds.
 */
async function handlePOST(request: Request): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return Response.json({ error: 'too_large' }, { status: 413 });
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES)
    return Response.json({ error: 'too_large' }, { status: 413 });
  const answer = await handleSlackInteraction(
    raw,
    {
      timestamp: request.headers.get('x-slack-request-timestamp'),
      signature: request.headers.get('x-slack-signature'),
    },
    requestMetaFromHeaders(request.headers),
  );
  if (answer.json) return Response.json(answer.json, { status: answer.status });
  return new Response(null, { status: answer.status });
}

export const POST = observed('/api/integrations/slack/interactions', handlePOST);
