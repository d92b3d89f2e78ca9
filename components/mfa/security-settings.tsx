'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert, FormMessage, Note } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import type { AccountSecurity } from '@/server/domain/mfa/policy';
import { PasskeysSection } from './passkeys-section';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { TotpSetup } from './totp-setup';

/**
 * The user's own second factors. `enrolment` is the required set-up right after sign-in: adding
 * a first factor finishes it, and nothing can be removed there.
 */
export function SecuritySettings({
  security,
  mode,
}: {
  security: AccountSecurity;
  mode: 'settings' | 'enrolment';
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [finished, setFinished] = useState(false);
  const removeTotp = useFormMutation(trpc.account.removeTotp.mutationOptions(), { refresh: true });
  const regenerate = useFormMutation(trpc.account.regenerateRecoveryCodes.mutationOptions(), {
    refresh: true,
    onSuccess: ({ codes: fresh }) => setCodes(fresh),
  });
  const settings = mode === 'settings';
  const hasFactor = security.totp === 'enrolled' || security.passkeys.length > 0;

  function added(fresh: string[] | null) {
    if (fresh) setCodes(fresh);
    if (settings) router.refresh();
    else setFinished(true);
  }

  if (!settings && finished)
    return (
      <div className="stack">
        {codes && <RecoveryCodesPanel codes={codes} />}
        <Alert tone="ok" role="status">
          Your second factor is set up.
        </Alert>
        <div>
          <Button
            variant="primary"
            onClick={() => {
              router.replace('/');
              router.refresh();
            }}
          >
            Continue to Vigil
          </Button>
        </div>
      </div>
    );

  return (
    <div className="stack">
      {codes && <RecoveryCodesPanel codes={codes} />}
      <section className="card stack" aria-labelledby="totp-heading">
        <div className="row-between">
          <h2 id="totp-heading">Authenticator app</h2>
          {security.totp === 'enrolled' && <Badge tone="ok">On</Badge>}
        </div>
        {security.totp === 'enrolled' ? (
          <>
            <Note>Sign-in asks for a six-digit code from your app after your password.</Note>
            {settings && (
              <div>
                <Button
                  variant="danger"
                  size="small"
                  busy={removeTotp.pending}
                  busyLabel="Removing…"
                  onClick={() => {
                    if (window.confirm('Remove the authenticator app from your account?'))
                      removeTotp.mutate();
                  }}
                >
                  Remove app
                </Button>
              </div>
            )}
            <FormMessage message={removeTotp.message} />
          </>
        ) : (
          <TotpSetup onEnrolled={added} />
        )}
      </section>
      <section className="card stack" aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">Passkeys</h2>
        <Note>
          A passkey on this device or a security key: sign-in asks for it after your password.
        </Note>
        <PasskeysSection passkeys={security.passkeys} canRemove={settings} onAdded={added} />
      </section>
      {settings && hasFactor && (
        <section className="card stack" aria-labelledby="recovery-heading">
          <h2 id="recovery-heading">Recovery codes</h2>
          <Note testId="recovery-codes-left">
            {security.recoveryCodesLeft} of 10 unused. New codes replace all the old ones.
          </Note>
          <div>
            <Button
              size="small"
              busy={regenerate.pending}
              busyLabel="Generating…"
              onClick={() => regenerate.mutate()}
            >
              Generate new codes
            </Button>
          </div>
          <FormMessage message={regenerate.message} />
        </section>
      )}
    </div>
  );
}
