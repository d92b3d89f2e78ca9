'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { ReasonField } from '@/components/ui/reason-field';
import { CASE_OUTCOMES, type CaseOutcome } from '@/server/domain/cases/case';
import { OUTCOME_LABELS } from './labels';
import type { AssigneeOption } from './escalate-form';

interface MutationView {
  error: {
    message: string;
    data?: { fieldErrors?: Record<string, string[] | undefined> } | null;
  } | null;
  isPending: boolean;
}

function fieldErrorsOf(m: MutationView): Record<string, string[] | undefined> {
  return m.error?.data?.fieldErrors ?? {};
}

/** The error of a form whose fields did not explain it themselves. */
function FormError({ m, fields }: { m: MutationView; fields: string[] }) {
  const fe = fieldErrorsOf(m);
  if (!m.error || fields.some((f) => fe[f])) return null;
  return (
    <div className="alert alert-error" role="alert">
      {m.error.message}
    </div>
  );
}

function ActionForm({
  label,
  onSubmit,
  children,
}: {
  label: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="stack"
      aria-label={label}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

function useRefresh() {
  const router = useRouter();
  return () => router.refresh();
}

export function NoteForm({ caseId }: { caseId: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [body, setBody] = useState('');
  const m = useMutation(
    trpc.cases.addNote.mutationOptions({
      onSuccess: () => {
        setBody('');
        refresh();
      },
    }),
  );
  return (
    <ActionForm label="Add a note" onSubmit={() => m.mutate({ caseId, body })}>
      <label>
        Note
        <textarea
          rows={3}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="What you found, who you spoke to, what happens next"
        />
        {fieldErrorsOf(m).body?.[0] && (
          <span className="field-error">{fieldErrorsOf(m).body?.[0]}</span>
        )}
      </label>
      <FormError m={m} fields={['body']} />
      <div className="row">
        <button className="btn" type="submit" disabled={m.isPending}>
          Add note
        </button>
      </div>
    </ActionForm>
  );
}

export function AssignForm({
  caseId,
  current,
  assignees,
}: {
  caseId: string;
  current: string | null;
  assignees: AssigneeOption[];
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [assignee, setAssignee] = useState(current ?? '');
  const m = useMutation(trpc.cases.assign.mutationOptions({ onSuccess: refresh }));
  return (
    <ActionForm
      label="Assign the case"
      onSubmit={() => m.mutate({ caseId, assigneeUserId: assignee || null })}
    >
      <div className="row" style={{ alignItems: 'end' }}>
        <label style={{ flex: 1 }}>
          Reassign
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Unassigned</option>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name ? `${a.name} (${a.email})` : a.email}
              </option>
            ))}
          </select>
        </label>
        <button className="btn" type="submit" disabled={m.isPending}>
          Assign
        </button>
      </div>
      <FormError m={m} fields={[]} />
    </ActionForm>
  );
}

export function StartInvestigationButton({ caseId }: { caseId: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const m = useMutation(trpc.cases.startInvestigation.mutationOptions({ onSuccess: refresh }));
  return (
    <span className="row">
      <button
        className="btn"
        type="button"
        disabled={m.isPending}
        onClick={() => m.mutate({ caseId })}
      >
        Start investigating
      </button>
      {m.error && (
        <span className="field-error" role="alert">
          {m.error.message}
        </span>
      )}
    </span>
  );
}

export interface GrantOption {
  id: string;
  label: string;
}

export function RevokeGrantForm({ caseId, grants }: { caseId: string; grants: GrantOption[] }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [picked, setGrantId] = useState(grants[0]?.id ?? '');
  // After a revocation the list shrinks: fall back to the first grant still live.
  const grantId = grants.some((g) => g.id === picked) ? picked : (grants[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const m = useMutation(
    trpc.cases.revokeGrant.mutationOptions({
      onSuccess: () => {
        setReason('');
        refresh();
      },
    }),
  );
  if (grants.length === 0)
    return <p className="muted small">No one in this case holds live access.</p>;
  const fe = fieldErrorsOf(m);
  return (
    <ActionForm label="Revoke a grant" onSubmit={() => m.mutate({ caseId, grantId, reason })}>
      <label>
        Grant
        <select value={grantId} onChange={(e) => setGrantId(e.target.value)}>
          {grants.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </label>
      <ReasonField
        label="Reason"
        value={reason}
        onChange={setReason}
        placeholder="Required; recorded on the grant, the case and the audit log"
        error={fe.reason?.[0]}
      />
      <FormError m={m} fields={['reason']} />
      <div className="row">
        <button className="btn btn-danger" type="submit" disabled={m.isPending}>
          Revoke grant
        </button>
      </div>
    </ActionForm>
  );
}

export interface VendorOption {
  id: string;
  name: string;
  liveGrants: number;
}

export function SuspendVendorForm({
  caseId,
  vendors,
}: {
  caseId: string;
  vendors: VendorOption[];
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [picked, setVendorId] = useState(vendors[0]?.id ?? '');
  const vendorId = vendors.some((v) => v.id === picked) ? picked : (vendors[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const m = useMutation(
    trpc.cases.suspendVendor.mutationOptions({
      onSuccess: () => {
        setReason('');
        refresh();
      },
    }),
  );
  if (vendors.length === 0)
    return <p className="muted small">No active vendor in this case to suspend.</p>;
  const fe = fieldErrorsOf(m);
  const chosen = vendors.find((v) => v.id === vendorId);
  return (
    <ActionForm label="Suspend a vendor" onSubmit={() => m.mutate({ caseId, vendorId, reason })}>
      <label>
        Vendor
        <select value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
          {vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <p className="alert alert-warn small" style={{ margin: 0 }} data-testid="suspend-warning">
          Suspending {chosen.name} revokes the {chosen.liveGrants} live{' '}
          {chosen.liveGrants === 1 ? 'grant' : 'grants'} its people hold, and the access gate
          refuses new access until it is reinstated.
        </p>
      )}
      <ReasonField
        label="Reason"
        value={reason}
        onChange={setReason}
        placeholder="Required; recorded in the vendor's status history and the audit log"
        error={fe.reason?.[0]}
      />
      <FormError m={m} fields={['reason']} />
      <div className="row">
        <button className="btn btn-danger" type="submit" disabled={m.isPending}>
          Suspend vendor
        </button>
      </div>
    </ActionForm>
  );
}

export function RescreenForm({
  caseId,
  people,
}: {
  caseId: string;
  people: { id: string; name: string }[];
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [personId, setPersonId] = useState(people[0]?.id ?? '');
  const m = useMutation(trpc.cases.rescreenPerson.mutationOptions({ onSuccess: refresh }));
  if (people.length === 0) return <p className="muted small">No people in this case.</p>;
  return (
    <ActionForm label="Re-screen a person" onSubmit={() => m.mutate({ caseId, personId })}>
      <div className="row" style={{ alignItems: 'end' }}>
        <label style={{ flex: 1 }}>
          Person
          <select value={personId} onChange={(e) => setPersonId(e.target.value)}>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button className="btn" type="submit" disabled={m.isPending}>
          Re-screen now
        </button>
      </div>
      <p className="muted small" style={{ margin: 0 }}>
        Matches the person against the whole watchlist now; new candidates open for review and block
        the access gate until reviewed.
      </p>
      <FormError m={m} fields={[]} />
    </ActionForm>
  );
}

export function CloseCaseForm({ caseId, signalCount }: { caseId: string; signalCount: number }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [rationale, setRationale] = useState('');
  const [missing, setMissing] = useState(false);
  const m = useMutation(trpc.cases.close.mutationOptions({ onSuccess: refresh }));
  const fe = fieldErrorsOf(m);
  return (
    <ActionForm
      label="Close the case"
      onSubmit={() => (outcome ? m.mutate({ caseId, outcome, rationale }) : setMissing(true))}
    >
      <fieldset className="row">
        <legend>Outcome</legend>
        {CASE_OUTCOMES.map((o) => (
          <label key={o} className="check">
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => {
                setOutcome(o);
                setMissing(false);
              }}
            />
            {OUTCOME_LABELS[o]}
          </label>
        ))}
      </fieldset>
      {(missing || fe.outcome?.[0]) && (
        <span className="field-error">
          {fe.outcome?.[0] ?? 'Choose substantiated or unsubstantiated'}
        </span>
      )}
      <ReasonField
        label="Rationale"
        name="rationale"
        value={rationale}
        onChange={setRationale}
        placeholder="Required: what the investigation established"
        error={fe.rationale?.[0]}
      />
      <p className="muted small" style={{ margin: 0 }}>
        Closing is final. Substantiated confirms the case&apos;s {signalCount}{' '}
        {signalCount === 1 ? 'signal' : 'signals'}, unsubstantiated dismisses them; either feeds
        detector precision.
      </p>
      <FormError m={m} fields={['outcome', 'rationale']} />
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={m.isPending}>
          Close case
        </button>
      </div>
    </ActionForm>
  );
}
