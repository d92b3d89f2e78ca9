'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Options, Radio, Select, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { CASE_SEVERITIES, type CaseSeverity } from '@/server/domain/cases/case';

export interface CaseOption {
  id: string;
  reference: string;
  title: string;
  /** The case's subjects: a matching open case is proposed instead of a new one. */
  personIds?: string[];
  vendorIds?: string[];
}

export interface AssigneeOption {
  id: string;
  email: string;
  name: string | null;
}

/** Open cases already about one of these people or vendors, in the pickers' order. */
export function casesAbout(
  openCases: CaseOption[],
  personIds: readonly string[],
  vendorIds: readonly string[],
): CaseOption[] {
  const people = new Set(personIds);
  const vendors = new Set(vendorIds);
  return openCases.filter(
    (c) =>
      (c.personIds ?? []).some((id) => people.has(id)) ||
      (c.vendorIds ?? []).some((id) => vendors.has(id)),
  );
}

/**
 * Opens a new case about the given signals, people or vendors, or adds them to an open case
 * (escalating any signals), then goes to the case. When a subject already has an open case, that
 * case is the default and the form says so: one investigation per person, not one per signal.
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
  aboutPersonIds = [],
}: {
  signalIds?: string[];
  personIds?: string[];
  vendorIds?: string[];
  defaultTitle: string;
  defaultSeverity: CaseSeverity;
  openCases: CaseOption[];
  assignees: AssigneeOption[];
  heading?: string;
  /** The people the signals are about (signals bring their person into the case). */
  aboutPersonIds?: string[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const related = casesAbout(openCases, [...personIds, ...aboutPersonIds], vendorIds);
  const [mode, setMode] = useState<'new' | 'existing'>(related.length > 0 ? 'existing' : 'new');
  const [title, setTitle] = useState(defaultTitle);
  const [summary, setSummary] = useState('');
  const [severity, setSeverity] = useState<CaseSeverity>(defaultSeverity);
  const [assignee, setAssignee] = useState('');
  const [caseId, setCaseId] = useState(related[0]?.id ?? openCases[0]?.id ?? '');
  const go = (r: { id: string }) => router.push(`/cases/${r.id}`);
  const open = useFormMutation(trpc.cases.open.mutationOptions(), {
    onSuccess: go,
    fields: ['title'],
  });
  const add = useFormMutation(trpc.cases.addSubjects.mutationOptions(), {
    onSuccess: go,
    fields: ['title'],
  });
  const form = mode === 'new' ? open : add;
  const pending = open.pending || add.pending;

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
      {related.length > 0 && (
        <Alert tone="warn" testId="existing-case-warning">
          {related.length === 1 ? 'An open case is' : `${related.length} open cases are`} already
          about {related.length === 1 ? 'this subject' : 'these subjects'}:{' '}
          {related.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ', '}
              <Link href={`/cases/${c.id}`}>
                {c.reference} · {c.title}
              </Link>
            </span>
          ))}
          . Adding to it keeps the investigation in one place; open a new case only for a separate
          matter.
        </Alert>
      )}
      <fieldset className="row bare">
        <legend className="visually-hidden">New or existing case</legend>
        <Radio
          name="mode"
          checked={mode === 'new'}
          onChange={() => setMode('new')}
          label="Open a new case"
        />
        <Radio
          name="mode"
          checked={mode === 'existing'}
          disabled={openCases.length === 0}
          onChange={() => setMode('existing')}
          label={`Add to an open case${openCases.length === 0 ? ' (none open)' : ''}`}
        />
      </fieldset>
      {mode === 'new' ? (
        <>
          <Field label="Case title" error={open.fieldError('title')}>
            <Input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              required
              minLength={3}
              maxLength={200}
            />
          </Field>
          <Field label="Summary">
            <Textarea
              rows={2}
              maxLength={5000}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              placeholder="What is suspected, and what should the investigation establish?"
            />
          </Field>
          <div className="row">
            <Field label="Severity">
              <Select
                value={severity}
                onChange={(e) => setSeverity(e.target.value as CaseSeverity)}
              >
                <Options values={CASE_SEVERITIES} />
              </Select>
            </Field>
            <Field label="Assignee">
              <Select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <option value="">Unassigned</option>
                {assignees.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name ? `${a.name} (${a.email})` : a.email}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        </>
      ) : (
        <Field label="Case">
          <Select value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            {openCases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.reference} · {c.title}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <FormMessage message={form.message} />
      <div className="row">
        <Button variant="primary" type="submit" busy={pending} busyLabel="Working…">
          {mode === 'new' ? 'Open case' : 'Add to case'}
        </Button>
      </div>
    </form>
  );
}
