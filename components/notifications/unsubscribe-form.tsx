'use client';

import Link from 'next/link';
import { TrpcProviders, useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useFormMutation } from '@/components/ui/use-form-mutation';

function Confirm({ token, label }: { token: string; label: string }) {
  const trpc = useTRPC();
  const stop = useFormMutation(trpc.notifications.unsubscribe.mutationOptions());
  if (stop.done)
    return (
      <Alert tone="ok" role="status" testId="unsubscribed">
        Done: you will no longer get “{label}” mail. You can turn it back on in{' '}
        <Link href="/settings/notifications">Settings → Notifications</Link>.
      </Alert>
    );
  return (
    <div className="stack">
      <FormMessage message={stop.message} />
      <Button
        variant="primary"
        busy={stop.pending}
        busyLabel="Turning off…"
        onClick={() => stop.mutate({ token })}
      >
        Stop “{label}” mail
      </Button>
    </div>
  );
}

/** One click (a POST carrying the signed token) turns the category off. */
export function UnsubscribeForm(props: { token: string; label: string }) {
  return (
    <TrpcProviders>
      <Confirm {...props} />
    </TrpcProviders>
  );
}
