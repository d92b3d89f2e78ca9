'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Textarea } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { FindingSeverity } from '@/server/domain/vendor-reviews/review';
import { OwnerSelect, SeveritySelect, type Owner } from './finding-fields';

/** "Record a finding": a button that opens the form for one gap and its remediation task. */
export function AddFinding({ reviewId, owners }: { reviewId: string; owners: Owner[] }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<FindingSeverity>('medium');
  const [remediation, setRemediation] = useState('');
  const [ownerUserId, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [touched, setTouched] = useState(false);
  const add = useFormMutation(trpc.vendorReviews.addFinding.mutationOptions(), {
    fields: ['title', 'remediation'],
    refresh: true,
    onSuccess: () => {
      setTitle('');
      setRemediation('');
      setDueOn('');
      setTouched(false);
      setOpen(false);
    },
  });
  const titleError =
    (touched && title.trim().length < 3 ? 'Give the finding a title' : undefined) ??
    add.fieldError('title');
  const remediationError =
    (touched && remediation.trim().length < 5
      ? 'Describe the remediation task (at least 5 characters)'
      : undefined) ?? add.fieldError('remediation');

  if (!open)
    return (
      <div>
        <Button onClick={() => setOpen(true)} data-testid="add-finding">
          Record a finding
        </Button>
      </div>
    );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (title.trim().length < 3 || remediation.trim().length < 5) return;
    add.mutate({
      reviewId,
      title,
      severity,
      remediation,
      ownerUserId: ownerUserId || null,
      dueOn: dueOn || null,
    });
  }

  return (
    <form
      className="stack"
      onSubmit={onSubmit}
      aria-label="Record a finding"
      data-testid="finding-form"
    >
      <div className="form-grid">
        <Field label="Title" error={titleError}>
          <Input
            name="title"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={() => title && setTouched(true)}
          />
        </Field>
        <SeveritySelect value={severity} onChange={setSeverity} />
        <OwnerSelect owners={owners} value={ownerUserId} onChange={setOwner} none="No owner yet" />
        <Field label="Remediation due">
          <Input
            type="date"
            name="dueOn"
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
          />
        </Field>
      </div>
      <Field label="Remediation task" error={remediationError}>
        <Textarea
          name="remediation"
          rows={2}
          maxLength={5000}
          value={remediation}
          onChange={(e) => setRemediation(e.target.value)}
          placeholder="What the vendor must do, and how we will verify it"
        />
      </Field>
      <div className="row">
        <Button variant="primary" type="submit" busy={add.pending} busyLabel="Recording…">
          Record finding
        </Button>
        <Button onClick={() => setOpen(false)}>Cancel</Button>
        <FormMessage message={add.message} inline />
      </div>
    </form>
  );
}
