'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TrpcProviders, useTRPC } from '@/components/providers/trpc-provider';
import { SignOutButton } from '@/components/shell/sign-out-button';

interface Props {
  token: string;
  invitedEmail: string;
  signedInEmail: string | null;
}

/** Signed in as the invited account: one click joins, and the session switches to the new org. */
function JoinAsSignedInUser({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const join = useMutation(
    trpc.members.acceptInvitationAsUser.mutationOptions({
      onSuccess: async ({ orgId }) => {
        const csrf = await fetch('/api/auth/csrf').then(
          (r) => r.json() as Promise<{ csrfToken: string }>,
        );
        await fetch('/api/auth/session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ csrfToken: csrf.csrfToken, data: { orgId } }),
        });
        router.push('/');
        router.refresh();
      },
    }),
  );
  return (
    <div className="stack">
      {join.error && (
        <div className="alert alert-error" role="alert">
          {join.error.message}
        </div>
      )}
      <button
        type="button"
        className="btn btn-primary"
        disabled={join.isPending}
        onClick={() => join.mutate({ token })}
      >
        {join.isPending ? 'Joining…' : 'Join organization'}
      </button>
    </div>
  );
}

function CreateAccount({ token }: { token: string }) {
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation(trpc.members.acceptInvitation.mutationOptions());
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const differs = password !== String(form.get('confirm') ?? '');
    setMismatch(differs);
    if (!differs) accept.mutate({ token, name: String(form.get('name') ?? ''), password });
  }
  if (accept.isSuccess) {
    return (
      <div className="alert alert-ok" role="status">
        Your account is ready. <Link href="/sign-in">Sign in</Link>
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
      <button className="btn btn-primary" type="submit" disabled={accept.isPending}>
        {accept.isPending ? 'Creating account…' : 'Create account and join'}
      </button>
      <p className="muted small flush">
        Already use Vigil with this email?{' '}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>Sign in</Link>{' '}
        and you will come back here to join.
      </p>
    </form>
  );
}

export function AcceptInvitationForm({ token, invitedEmail, signedInEmail }: Props) {
  return (
    <TrpcProviders>
      {signedInEmail === invitedEmail ? (
        <JoinAsSignedInUser token={token} />
      ) : signedInEmail ? (
        <div className="stack">
          <div className="alert alert-warn" role="status">
            You are signed in as {signedInEmail}, but this invitation is for {invitedEmail}. Sign
            out, then open the link again.
          </div>
          <SignOutButton />
        </div>
      ) : (
        <CreateAccount token={token} />
      )}
    </TrpcProviders>
  );
}
