import Link from 'next/link';
import { CheckResultBadge } from '@/components/candidates/check-result-badge';
import { ConvertForm } from '@/components/candidates/convert-form';
import { RecordCheckForm } from '@/components/candidates/record-check-form';
import { IDENTIFIER_LABELS, PERSON_TYPE_LABELS } from '@/components/people/labels';
import { Alert } from '@/components/ui/alert';
import { Field } from '@/components/ui/facts';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { Refusal } from '@/components/ui/refusal';
import { Table, Td, Th } from '@/components/ui/table';
import type { ManualCheck } from '@/server/domain/candidates/checks';
import type { IdentifierKind } from '@/server/domain/inventory/identifiers';
import type { PersonType } from '@/server/domain/inventory/person';
import { CANDIDATE_SCREENERS, HIRE_GATE_OVERRIDERS } from '@/server/domain/tenancy/roles';
import { guarded } from '@/server/trpc/page-guard';
import { can, pageRole } from '@/server/trpc/page-role';
import { serverCaller } from '@/server/trpc/server-caller';

export const metadata = { title: 'Candidate' };

export default async function CandidatePage({ params }: { params: Promise<{ personId: string }> }) {
  const { personId } = await params;
  const [caller, role] = await Promise.all([serverCaller(), pageRole()]);
  const result = await guarded(() => caller.candidates.get({ personId }));
  if (!result.ok)
    return result.code === 'NOT_FOUND' ? (
      <Refusal title="Candidate not found" message="No such candidate in this organization." />
    ) : (
      <Refusal message="Candidates are open to compliance officers, admins and auditors." />
    );
  const c = result.data;
  const stillCandidate = c.type === 'candidate';
  const canScreen = stillCandidate && can(role, CANDIDATE_SCREENERS);
  return (
    <>
      <PageHeader
        title={c.fullName}
        description={
          <>
            {stillCandidate ? 'Candidate' : `Hired as ${PERSON_TYPE_LABELS[c.type as PersonType]}`}
            {c.role && <> · {c.role}</>} · <Link href={`/people/${c.id}`}>Person record</Link> ·{' '}
            <Link href="/candidates">All candidates</Link>
          </>
        }
      />
      <div className="grid cols-2">
        <Panel title="Candidate" titleId="candidate-profile">
          <dl className="profile-grid cols-2">
            <Field label="Email">{c.email}</Field>
            <Field label="Stage">{c.stage}</Field>
            <Field label="Role">{c.role ?? c.title}</Field>
            <Field label="Recruiter">{c.recruiter}</Field>
            <Field label="Declared location">
              {[c.location, c.country].filter(Boolean).join(' · ') || null}
            </Field>
            <Field label="Applied">{c.appliedOn ? formatDate(c.appliedOn) : null}</Field>
            <Field label="Laptop shipping address" wide>
              {c.shippingAddress
                ? `${c.shippingAddress}${c.shippingCountry ? ` (${c.shippingCountry})` : ''}`
                : null}
            </Field>
            <Field label="Source">
              {c.source ? `${c.source}${c.atsId ? ` · ${c.atsId}` : ''}` : 'people import'}
            </Field>
          </dl>
        </Panel>
        <Panel title="Identifiers" titleId="candidate-identifiers">
          {c.identifiers.length === 0 ? (
            <p className="muted small flush">None recorded.</p>
          ) : (
            <dl className="facts" data-testid="candidate-identifiers">
              {c.identifiers.map((i) => (
                <div key={`${i.kind}:${i.value}`}>
                  <dt>{IDENTIFIER_LABELS[i.kind as IdentifierKind] ?? i.kind}</dt>
                  <dd className="break-anywhere">{i.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </Panel>
      </div>
      <Panel title="Checklist" titleId="candidate-checklist" spaced>
        <Table testId="checklist" rowsTop>
          <thead>
            <tr>
              <Th>Check</Th>
              <Th>Result</Th>
              <Th>Finding or note</Th>
              <Th>Checked</Th>
            </tr>
          </thead>
          <tbody>
            {c.checks.map((check) => (
              <tr key={check.kind} data-testid={`check-${check.kind}`} data-result={check.result}>
                <Td>
                  <div className="strong">{check.label}</div>
                  <div className="muted small">{check.automatic ? 'Automatic' : 'Manual'}</div>
                </Td>
                <Td>
                  <CheckResultBadge result={check.result} />
                </Td>
                <Td className="small">
                  {check.detail && <p className="flush">{check.detail}</p>}
                  {canScreen && !check.automatic && (
                    <RecordCheckForm
                      personId={c.id}
                      check={check.kind as ManualCheck}
                      label={check.label}
                      current={check.result}
                    />
                  )}
                </Td>
                <Td className="small">
                  {check.automatic ? (
                    <>
                      Vigil
                      <div className="muted">computed {formatDateTime(check.checkedAt)}</div>
                    </>
                  ) : check.checkedAt ? (
                    <>
                      {check.checkedByName ?? 'a former member'}
                      <div className="muted">{formatDateTime(check.checkedAt)}</div>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Panel>
      <Panel title="Hire gate" titleId="candidate-hire" spaced stack testId="hire-gate">
        {!stillCandidate ? (
          <>
            <p className="flush" data-testid="hired">
              Converted to {PERSON_TYPE_LABELS[c.type as PersonType].toLowerCase()} on{' '}
              {formatDateTime(c.hiredAt)}
              {c.hiredByName && <> by {c.hiredByName}</>}. The checks, notes, signals and screening
              gathered as a candidate stay with the <Link href={`/people/${c.id}`}>person</Link>.
            </p>
            {c.overrideReason && (
              <Alert tone="warn" testId="override-record">
                <strong>Hired over the gate.</strong> Reason: {c.overrideReason}
                <div className="mt-4">Checks overridden:</div>
                <ul className="flush">
                  {c.overriddenChecks.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </Alert>
            )}
          </>
        ) : (
          <>
            {c.blocking.length === 0 ? (
              <Alert tone="ok">
                Every check has passed: this candidate may be converted to staff.
              </Alert>
            ) : (
              <Alert tone="warn" testId="gate-blockers">
                <strong>
                  {c.blocking.length} check{c.blocking.length === 1 ? '' : 's'} stand in the way of
                  the hire.
                </strong>
                <ul className="flush">
                  {c.blocking.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </Alert>
            )}
            {canScreen && (
              <ConvertForm
                personId={c.id}
                canOverride={can(role, HIRE_GATE_OVERRIDERS)}
                blocked={c.blocking.length > 0}
              />
            )}
          </>
        )}
      </Panel>
    </>
  );
}
