'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormMessage, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { formatDateTime } from '@/components/ui/format';
import { useFormMutation } from '@/components/ui/use-form-mutation';

interface Passkey {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The user's passkeys: add one (named), or remove one when signed in fully. */
export function PasskeysSection({
  passkeys,
  canRemove,
  onAdded,
}: {
  passkeys: Passkey[];
  canRemove: boolean;
  onAdded: (codes: string[] | null) => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [browserError, setBrowserError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const options = useMutation(trpc.account.passkeyRegistrationOptions.mutationOptions());
  const register = useFormMutation(trpc.account.registerPasskey.mutationOptions(), {
    fields: ['name'],
    refresh: true,
    onSuccess: ({ recoveryCodes }) => {
      setName('');
      onAdded(recoveryCodes);
    },
  });
  const remove = useFormMutation(trpc.account.removePasskey.mutationOptions(), { refresh: true });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBrowserError(null);
    if (!name.trim()) {
      setBrowserError('Name the passkey (e.g. "Work laptop").');
      return;
    }
    setAsking(true);
    try {
      const optionsJSON = await options.mutateAsync();
      const response = await startRegistration({ optionsJSON });
      register.mutate({ name, response });
    } catch (error) {
      // The server's refusal says what to do; the browser's (cancelled, no authenticator) less.
      setBrowserError(
        error instanceof Error && error.name === 'TRPCClientError'
          ? error.message
          : 'The browser did not create a passkey. Try again.',
      );
    } finally {
      setAsking(false);
    }
  }

  return (
    <div className="stack">
      {passkeys.length === 0 ? (
        <Note>No passkeys yet.</Note>
      ) : (
        <ul className="factor-list">
          {passkeys.map((p) => (
            <li key={p.id} data-testid={`passkey-${p.name}`}>
              <div>
                <div className="strong">{p.name}</div>
                <div className="muted small">
                  Added {formatDateTime(p.createdAt)} · last used {formatDateTime(p.lastUsedAt)}
                </div>
              </div>
              {canRemove && (
                <Button
                  size="small"
                  variant="danger"
                  disabled={remove.pending}
                  onClick={() => {
                    if (window.confirm(`Remove the passkey "${p.name}"?`))
                      remove.mutate({ passkeyId: p.id });
                  }}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormMessage message={remove.message} />
      <form className="inline-form" onSubmit={onSubmit} aria-label="Add a passkey">
        <Field label="Passkey name" error={register.fieldError('name')}>
          <Input
            name="passkeyName"
            value={name}
            maxLength={60}
            placeholder="Work laptop"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Button
          type="submit"
          busy={asking || register.pending}
          busyLabel="Waiting for the browser…"
        >
          Add passkey
        </Button>
      </form>
      <FormMessage message={browserError ?? register.message} />
    </div>
  );
}
