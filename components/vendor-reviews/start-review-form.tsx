'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Options, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { REVIEW_KINDS } from '@/server/domain/vendor-reviews/cadence';
import { REVIEW_KIND_LABELS } from './labels';

type Kind = (typeof REVIEW_KINDS)[number];

export function StartReviewForm({ vendorId, suggested }: { vendorId: string; suggested: Kind }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<Kind>(suggested);
  const [dueOn, setDueOn] = useState('');
  const start = useFormMutation(trpc.vendorReviews.start.mutationOptions(), {
    onSuccess: (r) => router.push(`/vendor-reviews/${r.id}`),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start.mutate({ vendorId, kind, dueOn: dueOn || undefined });
  }
  return (
    <form
      className="row"
      onSubmit={onSubmit}
      aria-label="Start a review"
      data-testid="start-review"
    >
      <Field label="Kind" className="small">
        <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <Options values={REVIEW_KINDS} labelOf={(k) => REVIEW_KIND_LABELS[k]} />
        </Select>
      </Field>
      <Field label="Due (default: in 30 days)" className="small">
        <Input type="date" name="dueOn" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      </Field>
      <Button variant="primary" type="submit" busy={start.pending} busyLabel="Starting…">
        Start review
      </Button>
      <FormMessage message={start.message} inline />
    </form>
  );
}
