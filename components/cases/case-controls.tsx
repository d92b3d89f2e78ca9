'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Radio, Select, Textarea } from '@/components/ui/controls';
import { Field, FieldError } from '@/components/ui/field';
import { ReasonField } from '@/components/ui/reason-field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { CASE_OUTCOMES, type CaseOutcome } from '@/server/domain/cases/case';
import type { AssigneeOption } from './escalate-form';
import { OUTCOME_LABELS } from './labels';

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

export function NoteForm({ caseId }: { caseId: string }) {
  const trpc = useTRPC();
  const [body, setBody] = useState('');
  const m = useFormMutation(trpc.cases.addNote.mutationOptions(), {
    fields: ['body'],
    refresh: true,
    onSuccess: () => setBody(''),
  });
  return (
    <ActionForm label="Add a note" onSubmit={() => m.mutate({ caseId, body })}>
      <Field label="Note" error={m.fieldError('body')}>
        <Textarea
          rows={3}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="What you found, who you spoke to, what happens next"
        />
      </Field>
      <FormMessage message={m.message} />
      <div className="row">
        <Button type="submit" disabled={m.pending}>
          Add note
        </Button>
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
  const [assignee, setAssignee] = useState(current ?? '');
  const m = useFormMutation(trpc.cases.assign.mutationOptions(), { refresh: true });
  return (
    <ActionForm
      label="Assign the case"
      onSubmit={() => m.mutate({ caseId, assigneeUserId: assignee || null })}
    >
      <div className="row align-end">
        <Field label="Reassign" className="grow">
          <Select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Unassigned</option>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name ? `${a.name} (${a.email})` : a.email}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={m.pending}>
          Assign
        </Button>
      </div>
      <FormMessage message={m.message} />
    </ActionForm>
  );
}

export function StartInvestigationButton({ caseId }: { caseId: string }) {
  const trpc = useTRPC();
  const m = useFormMutation(trpc.cases.startInvestigation.mutationOptions(), { refresh: true });
  return (
    <span className="row">
      <Button disabled={m.pending} onClick={() => m.mutate({ caseId })}>
        Start investigating
      </Button>
      <FormMessage message={m.message} inline />
    </span>
  );
}

export interface GrantOption {
  id: string;
  label: string;
}

export function RevokeGrantForm({ caseId, grants }: { caseId: string; grants: GrantOption[] }) {
  const trpc = useTRPC();
  const [picked, setGrantId] = useState(grants[0]?.id ?? '');
  // After a revocation the list shrinks: fall back to the first grant still live.
  const grantId = grants.some((g) => g.id === picked) ? picked : (grants[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const m = useFormMutation(trpc.cases.revokeGrant.mutationOptions(), {
    fields: ['reason'],
    refresh: true,
    onSuccess: () => setReason(''),
  });
  if (grants.length === 0)
    return <p className="muted small">No one in this case holds live access.</p>;
  return (
    <ActionForm label="Revoke a grant" onSubmit={() => m.mutate({ caseId, grantId, reason })}>
      <Field label="Grant">
        <Select value={grantId} onChange={(e) => setGrantId(e.target.value)}>
          {grants.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </Select>
      </Field>
      <ReasonField
        label="Reason"
        value={reason}
        onChange={setReason}
        placeholder="Required; recorded on the grant, the case and the audit log"
        error={m.fieldError('reason')}
      />
      <FormMessage message={m.message} />
      <div className="row">
        <Button variant="danger" type="submit" disabled={m.pending}>
          Revoke grant
        </Button>
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
  const [picked, setVendorId] = useState(vendors[0]?.id ?? '');
  const vendorId = vendors.some((v) => v.id === picked) ? picked : (vendors[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const m = useFormMutation(trpc.cases.suspendVendor.mutationOptions(), {
    fields: ['reason'],
    refresh: true,
    onSuccess: () => setReason(''),
  });
  if (vendors.length === 0)
    return <p className="muted small">No active vendor in this case to suspend.</p>;
  const chosen = vendors.find((v) => v.id === vendorId);
  return (
    <ActionForm label="Suspend a vendor" onSubmit={() => m.mutate({ caseId, vendorId, reason })}>
      <Field label="Vendor">
        <Select value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
          {vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </Select>
      </Field>
      {chosen && (
        <Alert tone="warn" as="p" className="small flush" testId="suspend-warning">
          Suspending {chosen.name} revokes the {chosen.liveGrants} live{' '}
          {chosen.liveGrants === 1 ? 'grant' : 'grants'} its people hold, and the access gate
          refuses new access until it is reinstated.
        </Alert>
      )}
      <ReasonField
        label="Reason"
        value={reason}
        onChange={setReason}
        placeholder="Required; recorded in the vendor's status history and the audit log"
        error={m.fieldError('reason')}
      />
      <FormMessage message={m.message} />
      <div className="row">
        <Button variant="danger" type="submit" disabled={m.pending}>
          Suspend vendor
        </Button>
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
  const [personId, setPersonId] = useState(people[0]?.id ?? '');
  const m = useFormMutation(trpc.cases.rescreenPerson.mutationOptions(), { refresh: true });
  if (people.length === 0) return <p className="muted small">No people in this case.</p>;
  return (
    <ActionForm label="Re-screen a person" onSubmit={() => m.mutate({ caseId, personId })}>
      <div className="row align-end">
        <Field label="Person" className="grow">
          <Select value={personId} onChange={(e) => setPersonId(e.target.value)}>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={m.pending}>
          Re-screen now
        </Button>
      </div>
      <Note>
        Matches the person against the whole watchlist now; new candidates open for review and block
        the access gate until reviewed.
      </Note>
      <FormMessage message={m.message} />
    </ActionForm>
  );
}

export function CloseCaseForm({ caseId, signalCount }: { caseId: string; signalCount: number }) {
  const trpc = useTRPC();
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [rationale, setRationale] = useState('');
  const [missing, setMissing] = useState(false);
  const m = useFormMutation(trpc.cases.close.mutationOptions(), {
    fields: ['outcome', 'rationale'],
    refresh: true,
  });
  const outcomeError = m.fieldError('outcome');
  return (
    <ActionForm
      label="Close the case"
      onSubmit={() => (outcome ? m.mutate({ caseId, outcome, rationale }) : setMissing(true))}
    >
      <fieldset className="row">
        <legend>Outcome</legend>
        {CASE_OUTCOMES.map((o) => (
          <Radio
            key={o}
            name="outcome"
            value={o}
            checked={outcome === o}
            onChange={() => {
              setOutcome(o);
              setMissing(false);
            }}
            label={OUTCOME_LABELS[o]}
          />
        ))}
      </fieldset>
      {(missing || outcomeError) && (
        <FieldError message={outcomeError ?? 'Choose substantiated or unsubstantiated'} />
      )}
      <ReasonField
        label="Rationale"
        name="rationale"
        value={rationale}
        onChange={setRationale}
        placeholder="Required: what the investigation established"
        error={m.fieldError('rationale')}
      />
      <Note>
        Closing is final. Substantiated confirms the case&apos;s {signalCount}{' '}
        {signalCount === 1 ? 'signal' : 'signals'}, unsubstantiated dismisses them; either feeds
        detector precision.
      </Note>
      <FormMessage message={m.message} />
      <div className="row">
        <Button variant="primary" type="submit" disabled={m.pending}>
          Close case
        </Button>
      </div>
    </ActionForm>
  );
}
