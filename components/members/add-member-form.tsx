'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { CopyButton } from '@/components/ui/copy-button';
import { ROLE_LABELS, ROLES, type Role } from '@/server/domain/tenancy/roles';

export function AddMemberForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [link, setLink] = useState<string | null>(null);
  const add = useMutation(
    trpc.members.add.mutationOptions({
      onSuccess: (result) => {
        setLink(
          result.kind === 'invited' ? `${window.location.origin}/invite/${result.token}` : null,
        );
        router.refresh();
      },
    }),
  );
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setLink(null);
    add.mutate({ email: String(form.get('email') ?? ''), role: String(form.get('role')) as Role });
    event.currentTarget.reset();
  }
  return (
    <div className="stack">
      <form className="form-grid" onSubmit={onSubmit}>
        <label>
          Email
          <input
            name="email"
            type="email"
            required
            maxLength={254}
            placeholder="name@company.com"
          />
        </label>
        <label>
          Role
          <select name="role" defaultValue="manager">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button className="btn btn-primary" type="submit" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add member'}
          </button>
        </div>
      </form>
      {add.error && (
        <div className="alert alert-error" role="alert">
          {add.error.message}
        </div>
      )}
      {link && (
        <div className="alert alert-warn stack" role="status">
          <strong>
            Invitation created. Send this link to the invitee; it is shown only once and works once.
          </strong>
          <div className="secret-box">
            <code data-testid="invite-link">{link}</code>
            <CopyButton value={link} />
          </div>
        </div>
      )}
    </div>
  );
}
