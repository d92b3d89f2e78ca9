'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { Select } from '@/components/ui/controls';
import { useFormMutation } from '@/components/ui/use-form-mutation';

export function LaunchCampaignButton({
  campaignId,
  inScope,
}: {
  campaignId: string;
  inScope: number;
}) {
  const trpc = useTRPC();
  const launch = useFormMutation(trpc.accessReviews.launch.mutationOptions(), { refresh: true });
  return (
    <div className="stack">
      <div className="row">
        <Button
          variant="primary"
          busy={launch.pending}
          busyLabel="Launching…"
          onClick={() => launch.mutate({ campaignId })}
        >
          Launch campaign
        </Button>
        <span className="muted small">
          Snapshots the {inScope} grant{inScope === 1 ? '' : 's'} in scope now and tells each
          reviewer.
        </span>
      </div>
      <FormMessage message={launch.message} />
    </div>
  );
}

/** A draft was never launched, so deleting it loses no record; it asks once before doing so. */
export function DeleteDraftCampaignButton({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useFormMutation(trpc.accessReviews.deleteDraft.mutationOptions(), {
    onSuccess: () => router.push('/reviews/campaigns'),
    refresh: true,
  });
  return (
    <ConfirmAction
      label="Delete draft"
      groupLabel="Confirm deleting the draft"
      prompt="Delete this draft? It was never launched."
      confirmLabel="Delete it"
      keepLabel="Keep it"
      pending={remove.pending}
      pendingLabel="Deleting…"
      error={remove.message}
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
  const [to, setTo] = useState('');
  const reassign = useFormMutation(trpc.accessReviews.reassign.mutationOptions(), {
    refresh: true,
    onSuccess: () => setTo(''),
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (to) reassign.mutate({ itemId, reviewerUserId: to });
  }
  return (
    <form className="row" aria-label={`Reassign ${label}`} onSubmit={onSubmit}>
      <Select aria-label="New reviewer" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">{current ? 'Reassign to…' : 'Assign to…'}</option>
        {reviewers
          .filter((r) => r.id !== granteeUserId && r.id !== current)
          .map((r) => (
            <option key={r.id} value={r.id}>
              {r.name ?? r.email}
            </option>
          ))}
      </Select>
      <Button size="small" type="submit" disabled={!to || reassign.pending}>
        {current ? 'Reassign' : 'Assign'}
      </Button>
      <FormMessage message={reassign.message} inline />
    </form>
  );
}
