import Link from 'next/link';
import { Suspense } from 'react';
import { EscalateForm } from '@/components/cases/escalate-form';
import { PanelFallback } from '@/components/panels/panel-fallback';
import { PersonName } from '@/components/privacy/person-name';
import { RevealDialog } from '@/components/privacy/reveal-dialog';
import { EvidenceTimeline, TIMELINE_KINDS } from '@/components/signals/evidence-timeline';
import { kindLabel, SeverityBadge, SIGNAL_STATUS_LABELS } from '@/components/signals/labels';
import {
  AlsoHeldBy,
  ChainParts,
  PartOfChains,
  TicketMismatches,
} from '@/components/signals/signal-links';
import { TriageForm } from '@/components/signals/triage-form';
import { Alert, Note } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Fact } from '@/components/ui/facts';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Refusal } from '@/components/ui/refusal';
import { ESCALATABLE_SIGNAL_STATUSES } from '@/server/domain/cases/case';
import { dailyMetricOf } from '@/server/domain/signals/daily-baseline';
import { describeSignal } from '@/server/domain/signals/describe';
import { chainPartRows, storyTitle } from '@/server/domain/signals/describe-chain';
import { identifierWords } from '@/server/domain/signals/describe-reuse';
import { ticketMismatchRows } from '@/server/domain/signals/describe-tickets';
import { describeWindow } from '@/server/domain/signals/window';
import { SIGNAL_TRIAGERS } from '@/server/domain/tenancy/roles';
import { guarded, started } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';
import { BaselinePanel } from './_panels/baseline-panel';

export const metadata = { title: 'Signal' };

export default async function SignalPage({ params }: { params: Promise<{ signalId: string }> }) {
  const { signalId } = await params;
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  const canTriage = can(role, SIGNAL_TRIAGERS);
  // Every read starts at once; the case options are used if the signal can be escalated.
  const escalation = canTriage
    ? started(Promise.all([caller.cases.openOptions(), caller.cases.assigneeOptions()]))
    : null;
  // The baseline chart's read starts with the signal's; its panel streams.
  const baseline = started(guarded(() => caller.signals.baseline({ signalId })));
  const result = await guarded(() => caller.signals.get({ signalId }));
  if (!result.ok)
    return (
      <Refusal
        title={result.code === 'NOT_FOUND' ? 'Signal not found' : undefined}
        message={result.message}
      />
    );
  const s = result.data;
  const canEscalate =
    canTriage &&
    s.case === null &&
    (ESCALATABLE_SIGNAL_STATUSES as readonly string[]).includes(s.status);
  const [openCases, assignees] = canEscalate && escalation ? await escalation : [[], []];
  const stats = s.stats as Record<string, unknown>;
  // Why this severity, in words and numbers; stat keys never reach the screen.
  const described = describeSignal(s.kind, s.severity, stats, s.explanation);
  const window = describeWindow(s.windowStart, s.windowEnd, s.person.timezone);
  // An attestation disclosure's evidence is the signed request, not log events.
  const campaignId = stats.campaignId;
  const tz = s.person.timezone;
  // docs/PRODUCT.md §The signal page: what the signal links to, resolved in the signal's read.
  const parts = s.kind === 'incident_chain' ? chainPartRows(stats, s.related.parts) : [];
  const mismatches = s.kind === 'ticket_mismatch' ? ticketMismatchRows(stats, s.evidence) : [];
  const holders = s.related.holders;
  const holderCount =
    s.kind === 'identity_reuse'
      ? Math.max(0, Number(stats.holders) - 1 || 0) +
        (Array.isArray(stats.watchlistEntryIds) ? stats.watchlistEntryIds.length : 0)
      : 0;

  return (
    <>
      <PageHeader
        title={kindLabel(s.kind)}
        description={
          <>
            About <PersonName person={s.person} />
            {s.vendor && (
              <>
                {' '}
                of <Link href={`/vendors/${s.vendor.id}`}>{s.vendor.name}</Link>
              </>
            )}
            . <Link href="/signals">All signals</Link>
          </>
        }
        actions={
          <span className="row">
            {s.reveal.canReveal && <RevealDialog signalId={s.id} pseudonym={s.person.fullName} />}
            <SeverityBadge severity={s.severity} />
            <span className="badge" data-testid="signal-status">
              {SIGNAL_STATUS_LABELS[s.status] ?? s.status}
            </span>
          </span>
        }
      />
      {s.person.pseudonymized && (
        <Note className="mb-12" testId="pseudonymized-note">
          This organization pseudonymizes investigations: the person shows as {s.person.fullName},
          and their name, email and log handles are masked in the text below, until a case is opened
          on them{s.reveal.canReveal ? ' or you reveal them with a reason' : ''}.
        </Note>
      )}
      <div className="grid cols-2">
        <section className="card stack" aria-labelledby="why-heading">
          <h2 id="why-heading">Why it fired</h2>
          <p className="flush severity-sentence" data-testid="signal-severity">
            {described.headline}
          </p>
          <p className="small flush" data-testid="signal-window">
            {window.local ? (
              <>
                {window.local} <span className="muted">· {window.utc}</span>
              </>
            ) : (
              window.utc
            )}
          </p>
          {described.facts.length > 0 && (
            <dl className="facts facts-wide" data-testid="signal-facts">
              {described.facts.map((f) => (
                <Fact key={f.label} label={f.label}>
                  {f.value}
                </Fact>
              ))}
            </dl>
          )}
          {!described.generic && (
            <p className="small muted flush" data-testid="signal-explanation">
              In the detector’s words: {s.explanation}
            </p>
          )}
          <PartOfChains
            chains={s.related.chains.map((c) => ({ ...c, title: storyTitle(c.story) }))}
          />
          <Note>Detector version {s.detectorVersion}</Note>
          {typeof campaignId === 'string' && (
            <p className="small flush">
              <Link href={`/attestations/${campaignId}`} data-testid="signal-attestation">
                Open the attestation campaign and the signed answers
              </Link>
            </p>
          )}
        </section>
        <section className="card stack" aria-labelledby="triage-heading">
          <h2 id="triage-heading">Triage</h2>
          {s.statusAt && (
            <p className="small flush">
              {SIGNAL_STATUS_LABELS[s.status]} by {s.statusByEmail ?? 'a former member'} ·{' '}
              {formatDateTime(s.statusAt)}
              {s.statusReason && <span> — “{s.statusReason}”</span>}
            </p>
          )}
          {s.case && (
            <Alert as="p" tone="warn" className="small flush" testId="signal-case">
              Part of{' '}
              <Link href={`/cases/${s.case.id}`}>
                {s.case.reference} · {s.case.title}
              </Link>{' '}
              ({s.case.status}); its outcome comes from the case.
            </Alert>
          )}
          {canTriage && !s.case ? (
            <TriageForm signalId={s.id} status={s.status} />
          ) : s.case ? null : (
            <p className="muted flush">Compliance officers and admins triage signals.</p>
          )}
        </section>
      </div>
      <ChainParts rows={parts} timezone={tz} />
      {s.kind === 'identity_reuse' && (
        <AlsoHeldBy
          identifier={identifierWords(
            typeof stats.identifierKind === 'string' ? stats.identifierKind : null,
          )}
          holders={holders}
          unresolved={Math.max(0, holderCount - holders.length)}
        />
      )}
      <TicketMismatches rows={mismatches} total={Number(stats.mismatched) || 0} timezone={tz} />
      {dailyMetricOf(s.kind) && (
        <Suspense fallback={<PanelFallback title="Against their usual days" lines={6} />}>
          <BaselinePanel baseline={baseline} />
        </Suspense>
      )}
      {TIMELINE_KINDS.has(s.kind) && <EvidenceTimeline events={s.evidence} timezone={tz} />}
      {canEscalate && (
        <section className="card stack mt-16" aria-labelledby="escalate-heading">
          <h2 id="escalate-heading">Escalate</h2>
          <Note>
            Open a case about this signal (with {s.person.fullName}
            {s.vendor ? ` and ${s.vendor.name}` : ''} as subjects), or add it to an open case.
          </Note>
          <EscalateForm
            signalIds={[s.id]}
            aboutPersonIds={s.person.id ? [s.person.id] : []}
            defaultTitle={`${kindLabel(s.kind)}: ${s.person.fullName}`}
            defaultSeverity={s.severity}
            openCases={openCases}
            assignees={assignees}
          />
        </section>
      )}
      <section className="card mt-16" aria-labelledby="evidence-heading">
        <h2 className="mb-12" id="evidence-heading">
          Evidence ({s.evidence.length} {s.evidence.length === 1 ? 'event' : 'events'})
        </h2>
        {s.evidence.length === 0 ? (
          <EmptyState title="No stored events">
            This finding does not rest on log events.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table data-testid="evidence">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Action</th>
                  <th>System</th>
                  <th>Records</th>
                  <th>Where</th>
                  <th>Device</th>
                </tr>
              </thead>
              <tbody>
                {s.evidence.map((e) => (
                  <tr key={e.id}>
                    <td className="small">{formatDateTime(e.occurredAt)}</td>
                    <td>
                      <span className="mono small">{e.action}</span>
                      {e.resource && <div className="muted small">{e.resource}</div>}
                      {e.outcome === 'failure' && (
                        <span className="badge badge-danger">failed</span>
                      )}
                    </td>
                    <td className="small">{e.systemName ?? '—'}</td>
                    <td>
                      {e.recordCount}
                      {e.ticketId ? <div className="muted small">ticket {e.ticketId}</div> : null}
                    </td>
                    <td className="small">
                      {[e.city, e.country].filter(Boolean).join(', ') || '—'}
                      {e.ip && <div className="muted mono">{e.ip}</div>}
                    </td>
                    <td className="small max-w-220 break-anywhere">
                      {e.deviceId ?? e.userAgent ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
