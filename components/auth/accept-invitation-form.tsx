'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { TrpcProviders, useTRPC } from '@/components/providers/trpc-provider';

function Form({ token, existingAccount }: { token: string; existingAccount: boolean }) {
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation(trpc.members.acceptInvitation.mutationOptions());
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (!existingAccount) {
      const differs = password !== String(form.get('confirm') ?? '');
      setMismatch(differs);
      if (differs) return;
    }
    accept.mutate({
      token,
      name: existingAccount ? undefined : String(form.get('name') ?? ''),
      password,
    });
  }
  if (accept.isSuccess) {
    return (
      <div className="alert alert-ok" role="status">
        {accept.data.existingAccount
          ? 'The organization was added to your account. '
          : 'Your account is ready. '}
        <Link href="/sign-in">Sign in</Link>
      </div>
    );
  }
  return (
    <form className="stack" method="post" onSubmit={onSubmit}>
      {accept.error && (
        <div className="alert alert-error" role="alert">
          {accept.error.message}
        </div>
      )}
      {existingAccount ? (
        <label>
          Password of your existing Vigil account
          <input name="password" type="password" required autoComplete="current-password" />
        </label>
      ) : (
        <>
          <label>
            Your name
            <input name="name" required maxLength={120} autoComplete="name" />
          </label>
          <label>
            Password (at least 12 characters)
            <input
              name="password"
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
            />
          </label>
          <label>
            Repeat password
            <input name="confirm" type="password" required autoComplete="new-password" />
            {mismatch && <span className="field-error">The passwords do not match.</span>}
          </label>
        </>
      )}
      <button className="btn btn-primary" type="submit" disabled={accept.isPending}>
        {accept.isPending
          ? 'Joining…'
          : existingAccount
            ? 'Join organization'
            : 'Create account and join'}
      </button>
    </form>
  );
}

export function AcceptInvitationForm({
  token,
  existingAccount,
}: {
  token: string;
  existingAccount: boolean;
}) {
  return (
    <TrpcProviders>
      <Form token={token} existingAccount={existingAccount} />
    </TrpcProviders>
  );
}
