import Link from 'next/link';
import { Suspense } from 'react';
import { PanelFallback } from '@/components/panels/panel-fallback';
import { ErasePersonPanel } from '@/components/privacy/erase-person-panel';
import { MATCH_STATUSES } from '@/components/screening/labels';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import {
  ACCESS_ACTORS,
  ATTESTATION_READERS,
  CANDIDATE_READERS,
  CASE_READERS,
  INVENTORY_EDITORS,
  INVESTIGATORS,
  PRIVACY_ADMINS,
  SCOPED_READERS,
  SCREENING_READERS,
  SIGNAL_READERS,
} from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';
import { PersonEmployment, PersonIdentifiers, PersonProfile } from './_panels/person-facts';
import {
  PersonAccessPanel,
  PersonAttestationsPanel,
  PersonCasesPanel,
  PersonMatchesPanel,
  PersonRiskPanel,
  PersonTimelinePanel,
  WatchlistAlert,
} from './_panels/person-streamed';

export const metadata = { title: 'Person' };

export default async function PersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  // Every read starts now; the page waits only for the person, the panels stream.
  const person = guarded(() => caller.people.get({ personId }));
  const grants = started(guarded(() => caller.access.list({ personId, status: 'all', limit: 50 })));
  // Managers see only themselves and their reports: link only to people they can open.
  const visible = can(role, SCOPED_READERS)
    ? started(caller.people.options().then((o) => new Set(o.map((x) => x.id))))
    : Promise.resolve(null);
  // Watchlist matches are for screening readers only (managers never see them).
  const matches = can(role, SCREENING_READERS)
    ? started(
        Promise.all(
          MATCH_STATUSES.map((status) => caller.screening.matches({ status, personId })),
        ).then((lists) => lists.flat()),
      )
    : null;
  const timeline = can(role, SIGNAL_READERS)
    ? started(caller.signals.timeline({ personId, limit: 15 }))
    : null;
  const risk = started(guarded(() => caller.risk.person({ personId })));
  // Managers never see cases (docs/PRODUCT.md §Roles and permissions); investigators may open one
  // here.
  const cases = can(role, CASE_READERS)
    ? started(caller.cases.list({ personId, status: 'all', limit: 20 }))
    : null;
  const escalation = can(role, INVESTIGATORS)
    ? started(
        Promise.all([caller.cases.openOptions(), caller.cases.assigneeOptions()]).then(
          ([openCases, assignees]) => ({ openCases, assignees }),
        ),
      )
    : null;
  const attestations = can(role, ATTESTATION_READERS)
    ? started(caller.attestations.personHistory({ personId }))
    : null;

  const result = await person;
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Person not found' : undefined}
        message={
          result.code === 'NOT_FOUND' && can(role, SCOPED_READERS)
            ? 'Managers see only themselves and their direct reports.'
            : result.message
        }
      />
    );
  const p = result.data;
  const erased = p.erasedAt !== null;
  const canEdit = can(role, INVENTORY_EDITORS) && !erased;

  return (
    <>
      <PageHeader
        title={p.fullName}
        description={[p.title, p.department].filter(Boolean).join(' · ') || p.email}
        actions={
          <>
            <Link className="btn" href="/people">
              All people
            </Link>
            {p.type === 'candidate' && can(role, CANDIDATE_READERS) && (
              <Link className="btn" href={`/candidates/${p.id}`}>
                Hiring checklist
              </Link>
            )}
            {canEdit && (
              <Link className="btn btn-primary" href={`/people/${p.id}/edit`}>
                Edit
              </Link>
            )}
          </>
        }
      />
      {erased && (
        <Alert tone="warn" testId="erased-person">
          This person’s personal data was erased on {p.erasedAt!.toISOString().slice(0, 10)}. Only
          the record of their access remains.
        </Alert>
      )}
      <PersonProfile
        p={p}
        watchlistAlert={
          matches && (
            <Suspense fallback={null}>
              <WatchlistAlert matches={matches} />
            </Suspense>
          )
        }
      />

      <Suspense fallback={<PanelFallback title="Risk" />}>
        <PersonRiskPanel risk={risk} />
      </Suspense>

      <Suspense fallback={<PanelFallback title="Employment" />}>
        <PersonEmployment p={p} visible={visible} />
      </Suspense>

      <PersonIdentifiers identifiers={p.identifiers} />

      <Suspense fallback={<PanelFallback title="Access" />}>
        <PersonAccessPanel p={p} grants={grants} canRequest={can(role, ACCESS_ACTORS)} />
      </Suspense>
      {cases && (
        <Suspense fallback={<PanelFallback title="Cases" />}>
          <PersonCasesPanel p={p} cases={cases} escalation={escalation} />
        </Suspense>
      )}
      {attestations && (
        <Suspense fallback={<PanelFallback title="Attestations" />}>
          <PersonAttestationsPanel p={p} attestations={attestations} />
        </Suspense>
      )}
      {matches && (
        <Suspense fallback={<PanelFallback title="Watchlist matches" />}>
          <PersonMatchesPanel p={p} matches={matches} />
        </Suspense>
      )}
      {timeline && (
        <Suspense fallback={<PanelFallback title="Activity and signals" />}>
          <PersonTimelinePanel p={p} timeline={timeline} />
        </Suspense>
      )}
      {can(role, PRIVACY_ADMINS) && !erased && (
        <ErasePersonPanel personId={p.id} email={p.email} legalHold={p.legalHold} />
      )}
    </>
  );
}
