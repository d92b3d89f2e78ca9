import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { z } from 'zod';
import { CASE_STATUS_BADGES, CASE_STATUS_LABELS, OUTCOME_LABELS } from '@/components/cases/labels';
import { SeverityBadge } from '@/components/signals/labels';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { FilterActions } from '@/components/ui/filter-actions';
import { formatDateTime } from '@/components/ui/format';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { firstParam as first, listHref } from '@/components/ui/search-params';
import { CASE_SEVERITIES } from '@/server/domain/cases/case';
import { guarded } from '@/server/trpc/page-guard';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Cases' };

const STATUS_TABS = [
  ['active', 'Active'],
  ['open', 'Open'],
  ['investigating', 'Investigating'],
  ['closed', 'Closed'],
  ['all', 'All'],
] as const;
const paramsSchema = z.object({
  status: z.enum(['active', 'open', 'investigating', 'closed', 'all']).catch('active'),
  severity: z.enum(CASE_SEVERITIES).optional().catch(undefined),
  assignee: z
    .union([z.uuid(), z.literal('none')])
    .optional()
    .catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});

export default async function CasesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const p = paramsSchema.parse({
    status: first(raw.status) ?? 'active',
    severity: first(raw.severity),
    assignee: first(raw.assignee),
    cursor: first(raw.cursor),
  });
  const caller = await serverCaller();
  const [counts, assignees, list] = await Promise.all([
    guarded(() => caller.cases.counts()),
    guarded(() => caller.cases.assigneeOptions()),
    guarded(() =>
      caller.cases.list({ ...p, limit: 25 }).catch((error: unknown) => {
        if (p.cursor && error instanceof TRPCError && error.code === 'BAD_REQUEST') return null;
        throw error;
      }),
    ),
  ]);
  if (!counts.ok) return <Refusal message={counts.message} />;
  if (!assignees.ok) return <Refusal message={assignees.message} />;
  if (!list.ok) return <Refusal message={list.message} />;
  const c = counts.data;
  const countOf: Record<string, number> = {
    open: c.open ?? 0,
    investigating: c.investigating ?? 0,
    closed: c.closed ?? 0,
    active: (c.open ?? 0) + (c.investigating ?? 0),
    all: (c.open ?? 0) + (c.investigating ?? 0) + (c.closed ?? 0),
  };
  const href = (over: Partial<typeof p>) => listHref('/cases', p, over, { status: 'active' });

  return (
    <>
      <PageHeader
        title="Cases"
        description="Investigations grouping signals, people and vendors: who is on them, what was done, and how they ended. Open one from a signal, a person or a vendor."
        actions={<ExportLink list="cases" filters={p} />}
      />
      <section className="card">
        <div className="card-header">
          <nav className="row" aria-label="Filter by status">
            {STATUS_TABS.map(([s, label]) => (
              <Link
                key={s}
                href={href({ status: s })}
                className={`btn btn-small${p.status === s ? ' btn-primary' : ''}`}
                aria-current={p.status === s ? 'page' : undefined}
              >
                {label} ({countOf[s]})
              </Link>
            ))}
          </nav>
          <form className="row" action="/cases" aria-label="Filter cases">
            <input type="hidden" name="status" value={p.status} />
            <label className="visually-hidden" htmlFor="severity">
              Severity
            </label>
            <select id="severity" name="severity" defaultValue={p.severity ?? ''}>
              <option value="">Any severity</option>
              {CASE_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <label className="visually-hidden" htmlFor="assignee">
              Assignee
            </label>
            <select id="assignee" name="assignee" defaultValue={p.assignee ?? ''}>
              <option value="">Anyone</option>
              <option value="none">Unassigned</option>
              {assignees.data.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name ?? a.email}
                </option>
              ))}
            </select>
            <FilterActions clearHref={href({ severity: undefined, assignee: undefined })} />
          </form>
        </div>
        {list.data === null ? (
          <EmptyState title="That page link has expired">
            <Link href={href({})}>Start from the first page</Link>.
          </EmptyState>
        ) : list.data.items.length === 0 ? (
          <EmptyState title="No cases here">
            Escalate signals from the <Link href="/signals">signal queue</Link> to open one.
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table data-testid="cases">
                <thead>
                  <tr>
                    <th>Case</th>
                    <th>Subjects</th>
                    <th>Severity</th>
                    <th>Status</th>
                    <th>Assignee</th>
                    <th>Opened</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((k) => (
                    <tr key={k.id} data-testid={`case-row-${k.reference}`}>
                      <td className="max-w-360">
                        <Link className="strong" href={`/cases/${k.id}`}>
                          {k.reference}
                        </Link>
                        <div>{k.title}</div>
                      </td>
                      <td className="small max-w-280">
                        {k.peopleNames ?? <span className="muted">No people</span>}
                        {k.vendorNames && <div className="muted">{k.vendorNames}</div>}
                        <div className="muted">
                          {k.signalCount} {k.signalCount === 1 ? 'signal' : 'signals'}
                        </div>
                      </td>
                      <td>
                        <SeverityBadge severity={k.severity} />
                      </td>
                      <td>
                        <span className={`badge ${CASE_STATUS_BADGES[k.status]}`}>
                          {CASE_STATUS_LABELS[k.status]}
                        </span>
                        {k.outcome && (
                          <div className="muted small">{OUTCOME_LABELS[k.outcome]}</div>
                        )}
                      </td>
                      <td className="small">
                        {k.assignee ? (
                          (k.assignee.name ?? k.assignee.email)
                        ) : (
                          <span className="muted">Unassigned</span>
                        )}
                      </td>
                      <td className="small">{formatDateTime(k.openedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <KeysetPager
              cursor={p.cursor}
              nextCursor={list.data.nextCursor}
              hrefFor={(cur) =>
                cur ? `${href({})}${href({}).includes('?') ? '&' : '?'}cursor=${cur}` : href({})
              }
            />
          </>
        )}
      </section>
    </>
  );
}
