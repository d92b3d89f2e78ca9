'use client';

import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/controls';
import { useFormMutation } from '@/components/ui/use-form-mutation';

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
  const [personId, setPersonId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const resolve = useFormMutation(trpc.identities.resolve.mutationOptions(), {
    refresh: true,
    onSuccess: (r) =>
      setDone(
        r.status === 'resolved'
          ? `Linked; ${r.backfilled} earlier event${r.backfilled === 1 ? '' : 's'} now belong to them.`
          : 'Marked as a service account.',
      ),
  });
  if (done)
    return (
      <Badge tone="ok" role="status">
        {done}
      </Badge>
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
      <Select
        aria-label={`Person for ${actorLabel}`}
        value={personId}
        onChange={(e) => setPersonId(e.target.value)}
        className="person-pick"
      >
        <option value="">Choose a person…</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.fullName} ({p.email})
          </option>
        ))}
      </Select>
      <Button variant="primary" size="small" type="submit" disabled={!personId || resolve.pending}>
        Link
      </Button>
      <Button
        size="small"
        disabled={resolve.pending}
        onClick={() => resolve.mutate({ identityId, decision: 'service_account' })}
      >
        Service account
      </Button>
      <FormMessage message={resolve.message} inline />
    </form>
  );
}
