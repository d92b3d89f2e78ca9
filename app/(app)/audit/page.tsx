import Link from 'next/link';
import { z } from 'zod';
import { AuditFilters } from '@/components/audit/audit-filters';
import { VerifyChainButton } from '@/components/audit/verify-chain-button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { singleParams } from '@/components/ui/search-params';
import { summarizeChange } from '@/server/domain/audit/change-summary';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';
import { RevealsPanel } from './_panels/reveals-panel';

export const metadata = { title: 'Audit log' };

const REVEAL_ENTITY = 'person_reveal';

const paramsSchema = z.object({
  action: z.string().max(100).optional().catch(undefined),
  actor: z.string().max(200).optional().catch(undefined),
  entityType: z.string().max(100).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  cursor: z.coerce.number().int().positive().optional().catch(undefined),
});

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const params = paramsSchema.parse(singleParams(raw));
  const caller = await serverCaller();
  // The reveals list shows with the reveal filter (docs/PRIVACY.md §Pseudonymized investigation).
  const showReveals = params.entityType === REVEAL_ENTITY;
  const reveals = showReveals ? guarded(() => caller.privacy.reveals()) : null;
  const result = await guarded(async () => {
    const [page, entityTypes] = await Promise.all([
      caller.audit.list({
        action: params.action,
        actor: params.actor,
        entityType: params.entityType,
        from: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
        to: params.to ? new Date(`${params.to}T23:59:59.999Z`) : undefined,
        cursor: params.cursor,
        limit: 50,
      }),
      caller.audit.entityTypes(),
    ]);
    return { page, entityTypes };
  });
  if (!result.ok) return <Refusal message={result.message} />;
  const { page, entityTypes } = result.data;
  const revealed = reveals ? await reveals : null;
  const next = new URLSearchParams(
    Object.entries({ ...params, cursor: page.nextCursor ?? undefined })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and sign-in, append-only and hash-chained. Verification recomputes every hash."
        actions={
          <span className="row">
            <Link className="btn" href={`/audit?entityType=${REVEAL_ENTITY}`}>
              Reveals
            </Link>
            <VerifyChainButton />
          </span>
        }
      />
      <div className="card">
        <AuditFilters entityTypes={entityTypes} initial={params} />
      </div>
      {revealed?.ok && <RevealsPanel reveals={revealed.data} />}
      <div className="card">
        {page.entries.length === 0 ? (
          <EmptyState title="No entries match these filters">
            Clear a filter to see more.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>When</th>
                  <th>Actor</th>
                  <th>Action</th>
                  <th>Entity</th>
                  <th>Change</th>
                  <th>Hash</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={e.seq}>
                    <td className="mono">{e.seq}</td>
                    <td className="small nowrap">{formatDateTime(e.occurredAt)}</td>
                    <td>
                      {e.actorLabel}
                      {e.ip && <div className="muted small">{e.ip}</div>}
                    </td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td className="small">
                      {e.entityType}
                      {e.entityId && <div className="muted mono">{e.entityId.slice(0, 8)}</div>}
                    </td>
                    <td className="small max-w-340 break-word">
                      {e.redactedAt ? (
                        // docs/PRIVACY.md §Erasure: the payload is gone, its digest still chains.
                        <span className="muted" data-testid="audit-redacted">
                          Personal data erased
                        </span>
                      ) : (
                        <ChangeList before={e.before} after={e.after} />
                      )}
                    </td>
                    <td className="mono small" title={e.hash}>
                      {e.hash.slice(0, 10)}…
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.nextCursor && (
          <div className="row justify-end mt-12">
            <Link className="btn" href={`/audit?${next.toString()}`}>
              Older entries
            </Link>
          </div>
        )}
      </div>
    </>
  );
}

function clip(text: string | undefined): string {
  if (text === undefined) return '—';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const changes = summarizeChange(before, after);
  if (changes.length === 0) return null;
  return (
    <ul className="plain-list">
      {changes.slice(0, 6).map((c) => (
        <li key={c.field}>
          <span className="muted">{c.field}:</span>{' '}
          {before == null ? clip(c.after) : `${clip(c.before)} → ${clip(c.after)}`}
        </li>
      ))}
      {changes.length > 6 && <li className="muted">and {changes.length - 6} more</li>}
    </ul>
  );
}
