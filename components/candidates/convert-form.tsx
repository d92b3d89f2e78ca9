'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Options, Select, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { MIN_OVERRIDE_REASON } from '@/server/domain/candidates/gate';

const TYPES = ['employee', 'contractor'] as const;

/**
 * "Convert to staff" (docs/IMPOSTORS.md §The hire gate). The server decides; a refusal lists every
 * reason. Admins see the override reason field; anyone else's conversion stands or falls on the
 * checks.
 */
export function ConvertForm({
  personId,
  canOverride,
  blocked,
}: {
  personId: string;
  canOverride: boolean;
  blocked: boolean;
}) {
  const trpc = useTRPC();
  const [type, setType] = useState<(typeof TYPES)[number]>('employee');
  const [startDate, setStartDate] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const convert = useFormMutation(trpc.candidates.convert.mutationOptions(), {
    refresh: true,
    fields: ['startDate', 'overrideReason'],
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    convert.mutate({
      personId,
      type,
      ...(startDate ? { startDate } : {}),
      ...(overrideReason.trim() ? { overrideReason } : {}),
    });
  }

  return (
    <form
      className="stack"
      onSubmit={onSubmit}
      noValidate
      aria-label="Convert to staff"
      data-testid="convert-form"
    >
      <div className="row">
        <Field label="Hire as">
          <Select
            name="type"
            value={type}
            onChange={(e) => setType(e.target.value as (typeof TYPES)[number])}
          >
            <Options
              values={TYPES}
              labelOf={(v) => (v === 'employee' ? 'Employee' : 'Contractor')}
            />
          </Select>
        </Field>
        <Field label="Start date" error={convert.fieldError('startDate')}>
          <Input
            type="date"
            name="startDate"
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
          />
        </Field>
      </div>
      {canOverride && blocked && (
        <Field
          label="Override reason (admins only)"
          hint={`Converting with checks open or failed needs a written reason of at least ${MIN_OVERRIDE_REASON} characters. It is kept with the person and in the audit log.`}
          error={convert.fieldError('overrideReason')}
        >
          <Textarea
            name="overrideReason"
            rows={3}
            maxLength={2000}
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.target.value)}
          />
        </Field>
      )}
      <div className="row">
        <Button variant={blocked ? 'danger' : 'primary'} type="submit" disabled={convert.pending}>
          {blocked && canOverride && overrideReason.trim()
            ? 'Override and convert to staff'
            : 'Convert to staff'}
        </Button>
        {convert.pending && <span className="muted small">Checking the gate…</span>}
      </div>
      {convert.message && (
        <Alert tone="error" role="alert" className="pre-line" testId="convert-refusal">
          {convert.message}
        </Alert>
      )}
    </form>
  );
}
