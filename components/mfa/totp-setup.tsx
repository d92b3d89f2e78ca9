'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { CopyButton } from '@/components/ui/copy-button';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { confirmTotpSchema } from '@/server/domain/mfa/inputs';

/**
 * Adding an authenticator app: a QR code drawn on the server (it carries the secret, so no
 * outside service sees it), the secret for typing by hand, and the first code to turn it on.
 */
export function TotpSetup({ onEnrolled }: { onEnrolled: (codes: string[] | null) => void }) {
  const trpc = useTRPC();
  const start = useFormMutation(trpc.account.startTotp.mutationOptions());
  const [code, setCode] = useState('');
  const confirm = useFormMutation(trpc.account.confirmTotp.mutationOptions(), {
    fields: ['code'],
    onSuccess: ({ recoveryCodes }) => onEnrolled(recoveryCodes),
  });
  const setup = start.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirm.validate(confirmTotpSchema, { code })) return;
    confirm.mutate({ code });
  }

  if (!setup)
    return (
      <div className="stack">
        <FormMessage message={start.message} />
        <div>
          <Button
            variant="primary"
            busy={start.pending}
            busyLabel="Preparing…"
            onClick={() => start.mutate()}
          >
            Set up authenticator app
          </Button>
        </div>
      </div>
    );

  return (
    <form className="totp-setup" onSubmit={onSubmit} aria-label="Set up authenticator app">
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn on the server */}
      <img
        className="qr-code"
        src={setup.qrCode}
        width={184}
        height={184}
        alt="QR code for your authenticator app"
      />
      <div className="stack">
        <ol className="steps small">
          <li>
            Scan the QR code with your authenticator app (1Password, Authy, Google Authenticator…).
          </li>
          <li>
            Or type this key by hand:
            <div className="secret-row">
              <code data-testid="totp-secret">{setup.secret}</code>
              <CopyButton value={setup.secret} />
            </div>
          </li>
          <li>Enter the six-digit code the app shows.</li>
        </ol>
        <Field label="Code from the app" error={confirm.fieldError('code')} className="max-w-200">
          <Input
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
        </Field>
        <FormMessage message={confirm.message} />
        <div>
          <Button variant="primary" type="submit" busy={confirm.pending} busyLabel="Checking…">
            Turn on
          </Button>
        </div>
      </div>
    </form>
  );
}
