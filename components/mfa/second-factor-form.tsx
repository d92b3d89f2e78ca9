'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';

/** The second sign-in step: a code from the app, a recovery code, or a passkey. */
export function SecondFactorForm({ totp, passkey }: { totp: boolean; passkey: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  // The server completed the session: the signed-in pages now resolve it.
  const enter = () => {
    router.replace('/');
    router.refresh();
  };
  const [code, setCode] = useState('');
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const verify = useFormMutation(trpc.secondFactor.verifyCode.mutationOptions(), {
    navigates: true,
    onSuccess: enter,
  });
  const options = useMutation(trpc.secondFactor.passkeyOptions.mutationOptions());
  const verifyPasskey = useMutation(trpc.secondFactor.verifyPasskey.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    verify.mutate({ code });
  }

  async function usePasskey() {
    setPasskeyError(null);
    setAsking(true);
    try {
      const optionsJSON = await options.mutateAsync();
      const response = await startAuthentication({ optionsJSON });
      await verifyPasskey.mutateAsync({ response });
      enter();
    } catch (error) {
      setAsking(false);
      setPasskeyError(
        error instanceof Error && error.name === 'TRPCClientError'
          ? error.message
          : 'The browser did not use a passkey. Try again or enter a code.',
      );
    }
  }

  return (
    <div className="stack">
      {passkey && (
        <>
          <Button
            variant={totp ? 'secondary' : 'primary'}
            className="justify-center"
            busy={asking}
            busyLabel="Waiting for your passkey…"
            onClick={usePasskey}
          >
            Use a passkey
          </Button>
          <FormMessage message={passkeyError} />
          <div className="divider">or</div>
        </>
      )}
      <form className="stack" onSubmit={onSubmit} aria-label="Second factor">
        <Field
          label={totp ? 'Code from your authenticator app' : 'Recovery code'}
          hint={totp ? 'Lost your device? Enter one of your recovery codes instead.' : undefined}
        >
          <Input
            name="code"
            autoComplete="one-time-code"
            autoFocus
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
        </Field>
        <FormMessage message={verify.message} />
        <Button
          variant={totp || !passkey ? 'primary' : 'secondary'}
          type="submit"
          className="justify-center"
          busy={verify.busy}
          busyLabel="Checking…"
        >
          Verify
        </Button>
      </form>
    </div>
  );
}
