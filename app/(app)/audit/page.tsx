import Link from 'next/link';
import { z } from 'zod';
import { AuditChange } from '@/components/audit/audit-change';
import { AuditFilters } from '@/components/audit/audit-filters';
import { VerifyChainButton } from '@/components/audit/verify-chain-button';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { singleParams } from '@/components/ui/search-params';
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
  // The whole UTC days the filter names, for the list and its export alike.
  const filters = {
    action: params.action,
    actor: params.actor,
    entityType: params.entityType,
    from: params.from ? `${params.from}T00:00:00.000Z` : undefined,
    to: params.to ? `${params.to}T23:59:59.999Z` : undefined,
  };
  const result = await guarded(async () => {
    const [page, entityTypes] = await Promise.all([
      caller.audit.list({
        ...filters,
        from: filters.from ? new Date(filters.from) : undefined,
        to: filters.to ? new Date(filters.to) : undefined,
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
            <ExportLink list="audit" filters={filters} />
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
            <table className="audit-table">
              <colgroup>
                <col style={{ width: 56 }} />
                <col style={{ width: 190 }} />
                <col style={{ width: 170 }} />
                <col style={{ width: 170 }} />
                <col style={{ width: 120 }} />
                <col />
                <col style={{ width: 96 }} />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Entity</th>
                  <th scope="col">Change</th>
                  <th scope="col">Hash</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={e.seq}>
                    <td className="mono">{e.seq}</td>
                    <td className="small nowrap">{formatDateTime(e.occurredAt)}</td>
                    <td className="cell-clip" title={e.actorLabel}>
                      {e.actorLabel}
                      {e.ip && <div className="muted small">{e.ip}</div>}
                    </td>
                    <td className="cell-clip" title={e.action}>
                      <code>{e.action}</code>
                    </td>
                    <td className="small cell-clip">
                      {e.entityType}
                      {e.entityId && (
                        <div className="muted mono" title={e.entityId}>
                          {e.entityId.slice(0, 8)}
                        </div>
                      )}
                    </td>
                    <td className="small">
                      {e.redactedAt ? (
                        // docs/PRIVACY.md §Erasure: the payload is gone, its digest still chains.
                        <span className="muted" data-testid="audit-redacted">
                          Personal data erased
                        </span>
                      ) : (
                        <AuditChange before={e.before} after={e.after} />
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
