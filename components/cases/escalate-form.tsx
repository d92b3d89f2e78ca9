'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { CASE_SEVERITIES, type CaseSeverity } from '@/server/domain/cases/case';

export interface CaseOption {
  id: string;
  reference: string;
  title: string;
}

export interface AssigneeOption {
  id: string;
  email: string;
  name: string | null;
}

/**
 * Opens a new case about the given signals, people or vendors, or adds them to an open case
 * (escalating any signals), then goes to the case.
 */
export function EscalateForm({
  signalIds = [],
  personIds = [],
  vendorIds = [],
  defaultTitle,
  defaultSeverity,
  openCases,
  assignees,
  heading = 'Escalate to a case',
}: {
  signalIds?: string[];
  personIds?: string[];
  vendorIds?: string[];
  defaultTitle: string;
  defaultSeverity: CaseSeverity;
  openCases: CaseOption[];
  assignees: AssigneeOption[];
  heading?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [title, setTitle] = useState(defaultTitle);
  const [summary, setSummary] = useState('');
  const [severity, setSeverity] = useState<CaseSeverity>(defaultSeverity);
  const [assignee, setAssignee] = useState('');
  const [caseId, setCaseId] = useState(openCases[0]?.id ?? '');
  const go = (r: { id: string }) => router.push(`/cases/${r.id}`);
  const open = useMutation(trpc.cases.open.mutationOptions({ onSuccess: go }));
  const add = useMutation(trpc.cases.addSubjects.mutationOptions({ onSuccess: go }));
  const error = mode === 'new' ? open.error : add.error;
  const fieldErrors: Record<string, string[] | undefined> = error?.data?.fieldErrors ?? {};
  const pending = open.isPending || add.isPending;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'new')
      open.mutate({
        title,
        summary,
        severity,
        assigneeUserId: assignee || undefined,
        signalIds,
        personIds,
        vendorIds,
      });
    else if (caseId) add.mutate({ caseId, signalIds, personIds, vendorIds });
  };

  return (
    <form className="stack" aria-label={heading} onSubmit={submit} data-testid="escalate-form">
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="visually-hidden">New or existing case</legend>
        <label className="check">
          <input
            type="radio"
            name="mode"
            checked={mode === 'new'}
            onChange={() => setMode('new')}
          />
          Open a new case
        </label>
        <label className="check">
          <input
            type="radio"
            name="mode"
            checked={mode === 'existing'}
            disabled={openCases.length === 0}
            onChange={() => setMode('existing')}
          />
          Add to an open case{openCases.length === 0 ? ' (none open)' : ''}
        </label>
      </fieldset>
      {mode === 'new' ? (
        <>
          <label>
            Case title
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              required
              minLength={3}
              maxLength={200}
              aria-invalid={fieldErrors.title ? true : undefined}
            />
            {fieldErrors.title?.[0] && <span className="field-error">{fieldErrors.title[0]}</span>}
          </label>
          <label>
            Summary
            <textarea
              rows={2}
              maxLength={5000}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              placeholder="What is suspected, and what should the investigation establish?"
            />
          </label>
          <div className="row">
            <label>
              Severity
              <select
                value={severity}
                onChange={(e) => setSeverity(e.target.value as CaseSeverity)}
              >
                {CASE_SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Assignee
              <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <option value="">Unassigned</option>
                {assignees.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name ? `${a.name} (${a.email})` : a.email}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </>
      ) : (
        <label>
          Case
          <select value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            {openCases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.reference} · {c.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && !fieldErrors.title && (
        <div className="alert alert-error" role="alert">
          {error.message}
        </div>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={pending}>
          {pending ? 'Working…' : mode === 'new' ? 'Open case' : 'Add to case'}
        </button>
      </div>
    </form>
  );
}
