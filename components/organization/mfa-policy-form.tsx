'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Radio } from '@/components/ui/controls';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { MFA_POLICIES, MFA_POLICY_LABELS, type MfaPolicy } from '@/server/domain/mfa/policy';

/** Who must use a second factor here (docs/SECURITY.md §Authentication). */
export function MfaPolicyForm({ policy, readOnly }: { policy: MfaPolicy; readOnly: boolean }) {
  const trpc = useTRPC();
  const [value, setValue] = useState<MfaPolicy>(policy);
  const [saved, setSaved] = useState(false);
  const save = useFormMutation(trpc.organization.setMfaPolicy.mutationOptions(), {
    refresh: true,
    onSuccess: () => setSaved(true),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.mutate({ policy: value });
  }

  return (
    <form className="card stack" onSubmit={onSubmit} aria-label="Two-factor sign-in">
      <h2>Two-factor sign-in</h2>
      <Note>
        Who must add an authenticator app or a passkey. A member who must but has none is taken to
        set one up right after their next sign-in. Single sign-on follows your identity provider.
      </Note>
      <fieldset
        className={`choice-row bare${readOnly ? ' read-only' : ''}`}
        disabled={readOnly || save.pending}
      >
        <legend className="visually-hidden">Require a second factor for</legend>
        {MFA_POLICIES.map((p) => (
          <Radio
            key={p}
            name="mfaPolicy"
            value={p}
            label={MFA_POLICY_LABELS[p]}
            checked={value === p}
            onChange={() => setValue(p)}
          />
        ))}
      </fieldset>
      <FormMessage message={save.message} />
      {saved && (
        <Alert tone="ok" role="status">
          Two-factor policy saved.
        </Alert>
      )}
      {!readOnly && (
        <div>
          <Button type="submit" busy={save.pending} busyLabel="Saving…" disabled={value === policy}>
            Save policy
          </Button>
        </div>
      )}
    </form>
  );
}
