'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TrpcProviders, useTRPC } from '@/components/providers/trpc-provider';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';

interface Props {
  token: string;
  invitedEmail: string;
  signedInEmail: string | null;
}

/** Signed in as the invited account: one click joins, and the session switches to the new org. */
function JoinAsSignedInUser({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const join = useFormMutation(trpc.members.acceptInvitationAsUser.mutationOptions(), {
    refresh: true,
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
    },
  });
  return (
    <div className="stack">
      <FormMessage message={join.message} />
      <Button
        variant="primary"
        busy={join.pending}
        busyLabel="Joining…"
        onClick={() => join.mutate({ token })}
      >
        Join organization
      </Button>
    </div>
  );
}

function CreateAccount({ token }: { token: string }) {
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState(false);
  const accept = useFormMutation(trpc.members.acceptInvitation.mutationOptions());
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const differs = password !== String(form.get('confirm') ?? '');
    setMismatch(differs);
    if (!differs) accept.mutate({ token, name: String(form.get('name') ?? ''), password });
  }
  if (accept.done) {
    return (
      <Alert tone="ok" role="status">
        Your account is ready. <Link href="/sign-in">Sign in</Link>
      </Alert>
    );
  }
  return (
    <form className="stack" method="post" onSubmit={onSubmit}>
      <FormMessage message={accept.message} />
      <Field label="Your name">
        <Input name="name" required maxLength={120} autoComplete="name" />
      </Field>
      <Field label="Password (at least 12 characters)">
        <Input
          name="password"
          type="password"
          required
          minLength={12}
          autoComplete="new-password"
        />
      </Field>
      <Field label="Repeat password" error={mismatch ? 'The passwords do not match.' : undefined}>
        <Input name="confirm" type="password" required autoComplete="new-password" />
      </Field>
      <Button variant="primary" type="submit" busy={accept.pending} busyLabel="Creating account…">
        Create account and join
      </Button>
      <Note>
        Already use Vigil with this email?{' '}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>Sign in</Link>{' '}
        and you will come back here to join.
      </Note>
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
          <Alert tone="warn" role="status">
            You are signed in as {signedInEmail}, but this invitation is for {invitedEmail}. Sign
            out, then open the link again.
          </Alert>
          <SignOutButton />
        </div>
      ) : (
        <CreateAccount token={token} />
      )}
    </TrpcProviders>
  );
}
