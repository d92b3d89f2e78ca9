'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { REVIEW_KINDS } from '@/server/domain/vendor-reviews/cadence';
import { REVIEW_KIND_LABELS } from './labels';

type Kind = (typeof REVIEW_KINDS)[number];

export function StartReviewForm({ vendorId, suggested }: { vendorId: string; suggested: Kind }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<Kind>(suggested);
  const [dueOn, setDueOn] = useState('');
  const start = useMutation(
    trpc.vendorReviews.start.mutationOptions({
      onSuccess: (r) => router.push(`/vendor-reviews/${r.id}`),
    }),
  );
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
      <label className="small">
        Kind
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {REVIEW_KINDS.map((k) => (
            <option key={k} value={k}>
              {REVIEW_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="small">
        Due (default: in 30 days)
        <input type="date" name="dueOn" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      </label>
      <button className="btn btn-primary" type="submit" disabled={start.isPending}>
        {start.isPending ? 'Starting…' : 'Start review'}
      </button>
      {start.error && (
        <span className="field-error" role="alert">
          {start.error.message}
        </span>
      )}
    </form>
  );
}
