import { observed } from '@/server/api/observed-route';
import { importKindSchema } from '@/server/domain/import/inputs';
import { templateCsv } from '@/server/domain/import/templates';
import { sessionClaims } from '@/server/trpc/context';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * An import's template CSV (docs/IMPORTS.md §Templates): the columns and example rows, no tenant
 * data. Still behind sign-in, like every page that links to it.
 */
async function handleGET(_req: Request, { params }: { params: Promise<{ kind: string }> }) {
  if (!(await sessionClaims()))
    return Response.json({ error: { message: 'Sign in to continue.' } }, { status: 401 });
  const kind = importKindSchema.safeParse((await params).kind);
  if (!kind.success)
    return Response.json(
      {
        error: {
          message: `No template by that name; try one of ${importKindSchema.options.join(', ')}.`,
        },
      },
      { status: 404 },
    );
  return new Response(templateCsv(kind.data), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${kind.data}-template.csv"`,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export const GET = observed('/api/import/templates/[kind]', handleGET);
