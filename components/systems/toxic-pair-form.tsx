'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage, Note } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';

interface PrivilegeOption {
  id: string;
  name: string;
  sensitivity: string;
  systemId: string;
  systemName: string;
}

function PrivilegeSelect({
  name,
  label,
  groups,
}: {
  name: string;
  label: string;
  groups: [string, PrivilegeOption[]][];
}) {
  return (
    <Field label={label}>
      <Select name={name} defaultValue="" required>
        <option value="" disabled>
          Choose a privilege…
        </option>
        {groups.map(([system, options]) => (
          <optgroup key={system} label={system}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.sensitivity})
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
    </Field>
  );
}

/** Marks two privileges as a combination nobody may hold together. */
export function ToxicPairForm({ privileges }: { privileges: PrivilegeOption[] }) {
  const trpc = useTRPC();
  const [added, setAdded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const add = useFormMutation(trpc.systems.addToxicPair.mutationOptions(), {
    refresh: true,
    onSuccess: () => setAdded(true),
  });
  const groups = new Map<string, PrivilegeOption[]>();
  for (const p of privileges) groups.set(p.systemName, [...(groups.get(p.systemName) ?? []), p]);
  const grouped = [...groups.entries()];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const privilegeA = String(f.get('privilegeA') ?? '');
    const privilegeB = String(f.get('privilegeB') ?? '');
    const reason = String(f.get('reason') ?? '').trim();
    setAdded(false);
    add.reset();
    if (!privilegeA || !privilegeB) return setProblem('Choose both privileges.');
    if (privilegeA === privilegeB) return setProblem('Choose two different privileges.');
    if (reason.length < 5) return setProblem('Say why the pair is toxic (at least 5 characters).');
    setProblem(null);
    add.mutate({ privilegeA, privilegeB, reason }, { onSuccess: () => form.reset() });
  }

  if (privileges.length < 2)
    return <Note>Add at least two privileges to your systems to mark a toxic pair.</Note>;
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Add a toxic pair" noValidate>
      <div className="form-grid">
        <PrivilegeSelect name="privilegeA" label="Privilege" groups={grouped} />
        <PrivilegeSelect name="privilegeB" label="Combined with" groups={grouped} />
        <Field label="Reason" className="span-2">
          <Input
            name="reason"
            required
            minLength={5}
            maxLength={500}
            placeholder="e.g. One person could create a payee and pay it."
          />
        </Field>
      </div>
      <div className="row">
        <Button variant="primary" type="submit" busy={add.pending} busyLabel="Adding…">
          Add toxic pair
        </Button>
        {added && (
          <Badge tone="ok" role="status">
            Pair added
          </Badge>
        )}
      </div>
      <FormMessage message={problem ?? add.message} />
    </form>
  );
}
