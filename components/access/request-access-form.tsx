'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { SensitivityBadge } from '@/components/systems/labels';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Select, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { Sensitivity } from '@/server/domain/inventory/system';
import { GateFindings, STEP_KIND_LABELS } from './labels';

export interface RequestOptions {
  people: { id: string; fullName: string; email: string; type: string }[];
  privileges: {
    id: string;
    name: string;
    sensitivity: Sensitivity;
    systemId: string;
    systemName: string;
  }[];
  maxGrantDays: Record<Sensitivity, number>;
}

/**
 * Request form: pick a person and a privilege, and the form shows before submitting who will
 * approve it and what the pre-access gate says today, so nobody is surprised by a refusal.
 */
export function RequestAccessForm({
  options,
  initialPersonId,
}: {
  options: RequestOptions;
  initialPersonId?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [personId, setPersonId] = useState(
    options.people.some((p) => p.id === initialPersonId) ? initialPersonId! : '',
  );
  const [privilegeId, setPrivilegeId] = useState('');
  const [durationDays, setDurationDays] = useState('');
  const [justification, setJustification] = useState('');
  const privilege = options.privileges.find((p) => p.id === privilegeId);
  const maxDays = privilege ? options.maxGrantDays[privilege.sensitivity] : undefined;

  const bySystem = useMemo(() => {
    const groups = new Map<string, RequestOptions['privileges']>();
    for (const p of options.privileges)
      groups.set(p.systemName, [...(groups.get(p.systemName) ?? []), p]);
    return [...groups.entries()];
  }, [options.privileges]);

  const preview = useQuery({
    ...trpc.access.preview.queryOptions(
      { personId, privilegeId },
      { enabled: Boolean(personId && privilegeId), staleTime: 0 },
    ),
  });
  const request = useFormMutation(trpc.access.request.mutationOptions(), {
    fields: ['personId', 'privilegeId', 'durationDays', 'justification'],
    onSuccess: (result) => router.push(`/access/${result.grantId}`),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate({
      personId,
      privilegeId,
      justification,
      durationDays: Number(durationDays),
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Request access" noValidate>
      <div className="form-grid align-start">
        <Field label="Person" error={request.fieldError('personId')}>
          <Select
            name="personId"
            value={personId}
            onChange={(e) => setPersonId(e.target.value)}
            required
          >
            <option value="">Choose a person…</option>
            {options.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.fullName} ({p.email})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Privilege" error={request.fieldError('privilegeId')}>
          <Select
            name="privilegeId"
            value={privilegeId}
            onChange={(e) => setPrivilegeId(e.target.value)}
            required
          >
            <option value="">Choose a privilege…</option>
            {bySystem.map(([system, privs]) => (
              <optgroup key={system} label={system}>
                {privs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.sensitivity})
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Field
          label="Duration (days)"
          hint={
            privilege && maxDays ? (
              <>
                <SensitivityBadge value={privilege.sensitivity} /> privileges run at most {maxDays}{' '}
                days (organization settings).
              </>
            ) : (
              'The maximum depends on the privilege’s sensitivity.'
            )
          }
          error={request.fieldError('durationDays')}
        >
          <Input
            name="durationDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxDays}
            value={durationDays}
            onChange={(e) => setDurationDays(e.target.value)}
            placeholder={maxDays ? `1–${maxDays}` : 'Days'}
            required
          />
        </Field>
        <Field
          label="Justification"
          error={request.fieldError('justification')}
          className="span-all"
        >
          <Textarea
            name="justification"
            rows={3}
            maxLength={2000}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            placeholder="What will they do with it, and why now? At least 10 characters; approvers and auditors read this."
            required
          />
        </Field>
      </div>

      {personId && privilegeId && (
        <section
          className="card"
          aria-label="What this request will meet"
          data-testid="request-preview"
        >
          <h2 className="mb-8">What this request will meet</h2>
          {preview.isPending ? (
            <p className="muted">Checking policy…</p>
          ) : preview.error ? (
            <p className="field-error">{preview.error.message}</p>
          ) : preview.data ? (
            <div className="stack">
              {preview.data.planError ? (
                <Alert tone="error">{preview.data.planError}</Alert>
              ) : (
                <ol className="small flush indent">
                  {preview.data.steps.map((s) => (
                    <li key={s.kind}>
                      <strong>{STEP_KIND_LABELS[s.kind]}</strong>:{' '}
                      {s.status === 'skipped' ? (
                        <span className="muted">skipped — {s.note}</span>
                      ) : (
                        <>
                          {s.approverLabel}
                          {s.note && <span className="muted"> — {s.note}</span>}
                        </>
                      )}
                    </li>
                  ))}
                </ol>
              )}
              <GateFindings findings={preview.data.gate} />
            </div>
          ) : null}
        </section>
      )}

      <FormMessage message={request.message} />
      <div className="row">
        <Button variant="primary" type="submit" busy={request.pending} busyLabel="Submitting…">
          Submit request
        </Button>
      </div>
    </form>
  );
}
