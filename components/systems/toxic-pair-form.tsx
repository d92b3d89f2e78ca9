'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';

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
    <label>
      {label}
      <select name={name} defaultValue="" required>
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
      </select>
    </label>
  );
}

/** Marks two privileges as a combination nobody may hold together. */
export function ToxicPairForm({ privileges }: { privileges: PrivilegeOption[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [added, setAdded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const add = useMutation(
    trpc.systems.addToxicPair.mutationOptions({
      onSuccess: () => {
        setAdded(true);
        router.refresh();
      },
    }),
  );
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
    return (
      <p className="muted small" style={{ margin: 0 }}>
        Add at least two privileges to your systems to mark a toxic pair.
      </p>
    );
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Add a toxic pair" noValidate>
      <div className="form-grid">
        <PrivilegeSelect name="privilegeA" label="Privilege" groups={grouped} />
        <PrivilegeSelect name="privilegeB" label="Combined with" groups={grouped} />
        <label style={{ gridColumn: 'span 2' }}>
          Reason
          <input
            name="reason"
            required
            minLength={5}
            maxLength={500}
            placeholder="e.g. One person could create a payee and pay it."
          />
        </label>
      </div>
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add toxic pair'}
        </button>
        {added && (
          <span className="badge badge-ok" role="status">
            Pair added
          </span>
        )}
      </div>
      {(problem ?? add.error) && (
        <div className="alert alert-error" role="alert">
          {problem ?? add.error?.message}
        </div>
      )}
    </form>
  );
}
