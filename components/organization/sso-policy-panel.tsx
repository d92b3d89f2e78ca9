'use client';

import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, Note } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox, Select } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { SsoPolicyView } from '@/server/services/auth/sso-policy';

function endedText(n: number): string {
  if (n === 0) return 'No password sessions were open.';
  return n === 1 ? 'One password session was ended.' : `${n} password sessions were ended.`;
}

/** Require single sign-on for every member except one break-glass admin (admins only). */
export function SsoPolicyPanel({ policy }: { policy: SsoPolicyView }) {
  const trpc = useTRPC();
  const [saved, setSaved] = useState<string | null>(null);
  const save = useFormMutation(trpc.sso.setPolicy.mutationOptions(), {
    refresh: true,
    onSuccess: (data) =>
      setSaved(
        data.required
          ? `Single sign-on is required. ${endedText(data.endedSessions)}`
          : 'Single sign-on is optional.',
      ),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const f = new FormData(event.currentTarget);
    const breakGlass = String(f.get('breakGlassUserId') ?? '');
    save.mutate({ required: f.get('required') === 'on', breakGlassUserId: breakGlass || null });
  }

  return (
    <form className="card stack mt-16" onSubmit={onSubmit} aria-label="Single sign-on">
      <h2>Single sign-on</h2>
      <Note>
        {policy.ssoConfigured
          ? 'When required, members sign in only through your identity provider; password sign-in is refused for everyone except the break-glass admin, who keeps a password for the day the identity provider is down. Turning it on signs out members using a password.'
          : 'Single sign-on is not configured on this server (OIDC_* or SAML_* settings), so it cannot be required yet.'}
      </Note>
      <fieldset disabled={save.pending} className="stack bare">
        <Checkbox
          name="required"
          label="Require single sign-on for all members"
          defaultChecked={policy.required}
          disabled={!policy.ssoConfigured && !policy.required}
        />
        <Field
          label="Break-glass admin"
          hint="The one account that keeps password sign-in. Required to turn single sign-on on."
        >
          <Select name="breakGlassUserId" defaultValue={policy.breakGlassUserId ?? ''}>
            <option value="">None</option>
            {policy.admins.map((a) => (
              <option key={a.userId} value={a.userId}>
                {a.name} ({a.email})
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>
      {save.message && (
        <Alert tone="error" role="alert">
          {save.message}
        </Alert>
      )}
      {saved && (
        <Alert tone="ok" role="status">
          {saved}
        </Alert>
      )}
      <div>
        <Button variant="primary" type="submit" busy={save.pending} busyLabel="Saving…">
          Save single sign-on
        </Button>
      </div>
    </form>
  );
}
