'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';

/** Link an actor to a person (back-filling their events), or mark it a service account. */
export function ResolveActorForm({
  identityId,
  actorLabel,
  people,
}: {
  identityId: string;
  actorLabel: string;
  people: { id: string; fullName: string; email: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [personId, setPersonId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const resolve = useMutation(
    trpc.identities.resolve.mutationOptions({
      onSuccess: (r) => {
        setDone(
          r.status === 'resolved'
            ? `Linked; ${r.backfilled} earlier event${r.backfilled === 1 ? '' : 's'} now belong to them.`
            : 'Marked as a service account.',
        );
        router.refresh();
      },
    }),
  );
  if (done)
    return (
      <span className="badge badge-ok" role="status">
        {done}
      </span>
    );
  return (
    <form
      className="row"
      aria-label={`Resolve ${actorLabel}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (personId) resolve.mutate({ identityId, decision: 'link', personId });
      }}
    >
      <select
        aria-label={`Person for ${actorLabel}`}
        value={personId}
        onChange={(e) => setPersonId(e.target.value)}
        style={{ maxWidth: 260 }}
      >
        <option value="">Choose a person…</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.fullName} ({p.email})
          </option>
        ))}
      </select>
      <button
        className="btn btn-small btn-primary"
        type="submit"
        disabled={!personId || resolve.isPending}
      >
        Link
      </button>
      <button
        className="btn btn-small"
        type="button"
        disabled={resolve.isPending}
        onClick={() => resolve.mutate({ identityId, decision: 'service_account' })}
      >
        Service account
      </button>
      {resolve.error && (
        <span className="field-error" role="alert">
          {resolve.error.message}
        </span>
      )}
    </form>
  );
}
