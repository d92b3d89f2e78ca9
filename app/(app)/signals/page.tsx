import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { z } from 'zod';
import { SIGNAL_STATUS_LABELS } from '@/components/signals/labels';
import { SignalQueue } from '@/components/signals/signal-queue';
import { EmptyState } from '@/components/ui/empty-state';
import { ExportLink } from '@/components/ui/export-link';
import { FilterActions } from '@/components/ui/filter-actions';
import { KeysetPager } from '@/components/ui/keyset-pager';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { firstParam as first, listHref } from '@/components/ui/search-params';
import { ESCALATABLE_SIGNAL_STATUSES } from '@/server/domain/cases/case';
import { INVESTIGATORS } from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Signals' };

const STATUSES = ['open', 'acknowledged', 'escalated', 'confirmed', 'dismissed'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const paramsSchema = z.object({
  status: z.enum([...STATUSES, 'all']).catch('open'),
  day: z.iso.date().optional().catch(undefined),
  kind: z
    .string()
    .regex(/^[a-z_]{1,60}$/)
    .optional()
    .catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  personId: z.uuid().optional().catch(undefined),
  vendorId: z.uuid().optional().catch(undefined),
  cursor: z.string().max(2000).optional().catch(undefined),
});

export default async function SignalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const p = paramsSchema.parse({
    status: first(raw.status) ?? 'open',
    day: first(raw.day),
    kind: first(raw.kind),
    severity: first(raw.severity),
    personId: first(raw.personId),
    vendorId: first(raw.vendorId),
    cursor: first(raw.cursor),
  });
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  // Every read starts at once.
  const counts = guarded(() => caller.signals.counts());
  const list = started(
    guarded(() =>
      caller.signals.list({ ...p, limit: 25 }).catch((error: unknown) => {
        if (p.cursor && error instanceof TRPCError && error.code === 'BAD_REQUEST') return null;
        throw error;
      }),
    ),
  );
  // Signals without an outcome can be escalated into a case by investigators.
  const escalation =
    can(role, INVESTIGATORS) &&
    (ESCALATABLE_SIGNAL_STATUSES as readonly string[]).includes(p.status)
      ? started(
          Promise.all([caller.cases.openOptions(), caller.cases.assigneeOptions()]).then(
            ([openCases, assignees]) => ({ openCases, assignees }),
          ),
        )
      : null;
  const countsResult = await counts;
  if (!countsResult.ok) return <Refusal message={countsResult.message} />;
  const [listResult, escalate] = await Promise.all([list, escalation]);
  if (!listResult.ok) return <Refusal message={listResult.message} />;
  const href = (over: Partial<typeof p>) => listHref('/signals', p, over, { status: 'open' });

  return (
    <>
      <PageHeader
        title="Signals"
        description="Detector findings about people, each explained in words and numbers with its evidence events. Acknowledge, dismiss false positives with a reason, or tick signals to escalate them into a case."
        actions={
          <>
            <ExportLink list="signals" filters={p} />
            <Link className="btn" href="/signals/detectors">
              Detector precision
            </Link>
          </>
        }
      />
      <section className="card">
        <div className="card-header">
          <nav className="row" aria-label="Filter by status">
            {STATUSES.map((s) => (
              <Link
                key={s}
                href={href({ status: s })}
                className={`btn btn-small${p.status === s ? ' btn-primary' : ''}`}
                aria-current={p.status === s ? 'page' : undefined}
              >
                {SIGNAL_STATUS_LABELS[s]} ({countsResult.data[s] ?? 0})
              </Link>
            ))}
            <Link
              href={href({ status: 'all' })}
              className={`btn btn-small${p.status === 'all' ? ' btn-primary' : ''}`}
              aria-current={p.status === 'all' ? 'page' : undefined}
            >
              All
            </Link>
          </nav>
          <form className="row" action="/signals" aria-label="Filter signals">
            <input type="hidden" name="status" value={p.status} />
            <label className="visually-hidden" htmlFor="kind">
              Kind
            </label>
            <input
              id="kind"
              name="kind"
              placeholder="kind, e.g. off_hours"
              defaultValue={p.kind ?? ''}
              className="kind-filter"
            />
            <label className="visually-hidden" htmlFor="severity">
              Severity
            </label>
            <select id="severity" name="severity" defaultValue={p.severity ?? ''}>
              <option value="">Any severity</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            {p.day && <input type="hidden" name="day" value={p.day} />}
            <FilterActions
              clearHref={href({
                day: undefined,
                kind: undefined,
                severity: undefined,
                personId: undefined,
                vendorId: undefined,
              })}
            />
          </form>
        </div>
        {p.day && (
          <p className="muted small flush mb-8" data-testid="day-filter">
            Signals whose behaviour ended on {p.day} (UTC).{' '}
            <Link href={href({ day: undefined })}>Any day</Link>
          </p>
        )}
        {listResult.data === null ? (
          <EmptyState title="That page link has expired">
            <Link href={href({})}>Start from the first page</Link>.
          </EmptyState>
        ) : listResult.data.items.length === 0 ? (
          p.day || p.kind || p.severity || p.personId || p.vendorId ? (
            <EmptyState title="No signals match these filters">
              <Link
                href={href({
                  day: undefined,
                  kind: undefined,
                  severity: undefined,
                  personId: undefined,
                  vendorId: undefined,
                })}
              >
                Clear the filters
              </Link>{' '}
              to see every{' '}
              {p.status === 'all' ? '' : `${SIGNAL_STATUS_LABELS[p.status]!.toLowerCase()} `}
              signal.
            </EmptyState>
          ) : (
            <EmptyState title="No signals here">
              Signals appear after logs are ingested and the detectors run.
            </EmptyState>
          )
        ) : (
          <>
            <SignalQueue items={listResult.data.items} escalation={escalate} />
            <KeysetPager
              cursor={p.cursor}
              nextCursor={listResult.data.nextCursor}
              hrefFor={(c) =>
                c ? `${href({})}${href({}).includes('?') ? '&' : '?'}cursor=${c}` : href({})
              }
            />
          </>
        )}
      </section>
    </>
  );
}
