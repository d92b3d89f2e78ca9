import Link from 'next/link';
import { z } from 'zod';
import { MATCH_STATUS_LABELS, MATCH_STATUSES } from '@/components/screening/labels';
import { MatchCard } from '@/components/screening/match-card';
import { ScreeningTabs } from '@/components/screening/screening-tabs';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { INVENTORY_EDITORS, SCREENING_REVIEWERS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Screening' };

const paramsSchema = z.object({
  status: z.enum(MATCH_STATUSES).default('open').catch('open'),
});

const EMPTY: Record<(typeof MATCH_STATUSES)[number], string> = {
  open: 'No matches waiting for review',
  confirmed: 'No confirmed matches',
  false_positive: 'No matches dismissed as false positives',
};

export default async function ScreeningPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const { status } = paramsSchema.parse({
    status: Array.isArray(raw.status) ? raw.status[0] : raw.status,
  });
  const caller = await serverCaller();
  const [role, result] = await Promise.all([
    pageRole(),
    guarded(async () => {
      const [counts, matches] = await Promise.all([
        caller.screening.counts(),
        caller.screening.matches({ status }),
      ]);
      return { counts, matches };
    }),
  ]);
  if (!result.ok)
    return (
      <Refusal message="Watchlist screening is open to compliance officers, admins and auditors." />
    );
  const { counts, matches } = result.data;
  const canReview = can(role, SCREENING_REVIEWERS);
  const canImport = can(role, INVENTORY_EDITORS);

  return (
    <>
      <PageHeader
        title="Screening"
        description="People matching a watchlist entry. Each decision needs a reason and is kept in the audit log."
        actions={
          canImport && (
            <Link className="btn" href="/imports">
              Import a watchlist
            </Link>
          )
        }
      />
      <ScreeningTabs current={status} counts={counts} />
      {matches.length === 0 ? (
        <div className="card">
          <EmptyState title={EMPTY[status]}>
            {status !== 'open' ? (
              <>
                Reviewed matches appear here. <Link href="/screening">See the open matches</Link>.
              </>
            ) : canImport ? (
              <>
                Matches are found whenever a watchlist or indicators are imported, a person changes,
                and once a day. <Link href="/imports">Import a watchlist</Link> to screen everyone
                against it.
              </>
            ) : (
              'Matches are found whenever a watchlist or indicators are imported, a person changes, and once a day.'
            )}
          </EmptyState>
        </div>
      ) : (
        <div data-testid="match-list">
          <p className="muted small flush mb-12">
            {matches.length} {MATCH_STATUS_LABELS[status].toLowerCase()} match
            {matches.length === 1 ? '' : 'es'}, strongest first
            {matches.length >= 500 ? ' (the first 500)' : ''}.
            {status === 'open' && !canReview && ' Your role can read the queue but not review it.'}
          </p>
          {matches.map((m) => (
            <MatchCard key={m.id} match={m} canReview={canReview} />
          ))}
        </div>
      )}
    </>
  );
}
