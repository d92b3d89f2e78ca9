'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Options, Select } from '@/components/ui/controls';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { CheckResult, ManualCheck } from '@/server/domain/candidates/checks';
import { CHECK_RESULT_LABELS } from './labels';

/** Records a manual check's result and a note; who and when are taken from the session. */
export function RecordCheckForm({
  personId,
  check,
  label,
  current,
}: {
  personId: string;
  check: ManualCheck;
  label: string;
  current: CheckResult;
}) {
  const trpc = useTRPC();
  const [result, setResult] = useState<CheckResult>(current === 'open' ? 'pass' : current);
  const [note, setNote] = useState('');
  const record = useFormMutation(trpc.candidates.recordCheck.mutationOptions(), {
    refresh: true,
    onSuccess: () => setNote(''),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    record.mutate({ personId, check, result, note });
  }

  return (
    <form
      className="inline-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={`Record: ${label}`}
      data-testid={`record-${check}`}
    >
      <Select
        aria-label="Result"
        name="result"
        value={result}
        onChange={(e) => setResult(e.target.value as CheckResult)}
      >
        <Options
          values={['pass', 'fail', 'open'] as const}
          labelOf={(v) => CHECK_RESULT_LABELS[v]}
        />
      </Select>
      <Input
        aria-label="Note"
        name="note"
        maxLength={2000}
        value={note}
        placeholder="What you saw (required when failed)"
        onChange={(e) => setNote(e.target.value)}
      />
      <Button type="submit" disabled={record.pending}>
        Record
      </Button>
      <FormMessage message={record.message} inline />
    </form>
  );
}
