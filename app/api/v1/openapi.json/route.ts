import { openApiDocument } from '@/server/api/openapi';

export const dynamic = 'force-static';

/** The OpenAPI document of the public API: static, public, and fetchable by API tools anywhere. */
export function GET(): Response {
  return Response.json(openApiDocument, {
    headers: {
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  });
}
