'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input, Options, Select } from '@/components/ui/controls';
import { CopyButton } from '@/components/ui/copy-button';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { ROLE_LABELS, ROLES, type Role } from '@/server/domain/tenancy/roles';

export function AddMemberForm() {
  const trpc = useTRPC();
  const [link, setLink] = useState<string | null>(null);
  const add = useFormMutation(trpc.members.add.mutationOptions(), {
    refresh: true,
    onSuccess: (result) =>
      setLink(
        result.kind === 'invited' ? `${window.location.origin}/invite/${result.token}` : null,
      ),
  });
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
        <Field label="Email">
          <Input
            name="email"
            type="email"
            required
            maxLength={254}
            placeholder="name@company.com"
          />
        </Field>
        <Field label="Role">
          <Select name="role" defaultValue="manager">
            <Options values={ROLES} labelOf={(r) => ROLE_LABELS[r]} />
          </Select>
        </Field>
        <div>
          <Button variant="primary" type="submit" busy={add.pending} busyLabel="Adding…">
            Add member
          </Button>
        </div>
      </form>
      <FormMessage message={add.message} />
      {link && (
        <Alert tone="warn" role="status" className="stack">
          <strong>
            Invitation created and mailed to the invitee (or waiting in the outbox without SMTP).
            The link is shown only once here and works once.
          </strong>
          <div className="secret-box">
            <code data-testid="invite-link">{link}</code>
            <CopyButton value={link} />
          </div>
        </Alert>
      )}
    </div>
  );
}
