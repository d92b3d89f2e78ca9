'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { ConfirmAction } from '@/components/ui/confirm-action';

export function LaunchCampaignButton({
  campaignId,
  inScope,
}: {
  campaignId: string;
  inScope: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const launch = useMutation(
    trpc.accessReviews.launch.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <div className="stack">
      <div className="row">
        <button
          className="btn btn-primary"
          type="button"
          disabled={launch.isPending}
          onClick={() => launch.mutate({ campaignId })}
        >
          {launch.isPending ? 'Launching…' : 'Launch campaign'}
        </button>
        <span className="muted small">
          Snapshots the {inScope} grant{inScope === 1 ? '' : 's'} in scope now and tells each
          reviewer.
        </span>
      </div>
      {launch.error && (
        <div className="alert alert-error" role="alert">
          {launch.error.message}
        </div>
      )}
    </div>
  );
}

/** A draft was never launched, so deleting it loses no record; it asks once before doing so. */
export function DeleteDraftCampaignButton({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(
    trpc.accessReviews.deleteDraft.mutationOptions({
      onSuccess: () => {
        router.push('/reviews/campaigns');
        router.refresh();
      },
    }),
  );
  return (
    <ConfirmAction
      label="Delete draft"
      groupLabel="Confirm deleting the draft"
      prompt="Delete this draft? It was never launched."
      confirmLabel="Delete it"
      keepLabel="Keep it"
      pending={remove.isPending}
      pendingLabel="Deleting…"
      error={remove.error?.message}
      onConfirm={() => remove.mutate({ campaignId })}
    />
  );
}

export interface ReviewerOption {
  id: string;
  email: string;
  name: string | null;
}

/** Hands one item to another reviewer; the grantee is not offered (and the server refuses them). */
export function ReassignItemForm({
  itemId,
  label,
  current,
  granteeUserId,
  reviewers,
}: {
  itemId: string;
  label: string;
  current: string | null;
  granteeUserId: string | null;
  reviewers: ReviewerOption[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [to, setTo] = useState('');
  const reassign = useMutation(
    trpc.accessReviews.reassign.mutationOptions({
      onSuccess: () => {
        setTo('');
        router.refresh();
      },
    }),
  );
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (to) reassign.mutate({ itemId, reviewerUserId: to });
  }
  return (
    <form className="row" aria-label={`Reassign ${label}`} onSubmit={onSubmit}>
      <select aria-label="New reviewer" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">{current ? 'Reassign to…' : 'Assign to…'}</option>
        {reviewers
          .filter((r) => r.id !== granteeUserId && r.id !== current)
          .map((r) => (
            <option key={r.id} value={r.id}>
              {r.name ?? r.email}
            </option>
          ))}
      </select>
      <button className="btn btn-small" type="submit" disabled={!to || reassign.isPending}>
        {current ? 'Reassign' : 'Assign'}
      </button>
      {reassign.error && (
        <span className="field-error" role="alert">
          {reassign.error.message}
        </span>
      )}
    </form>
  );
}
