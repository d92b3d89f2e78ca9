'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { Input } from '@/components/ui/controls';
import { Field } from '@/components/ui/field';
import { signInMessage } from '@/server/domain/auth/sso';

function safeCallback(raw: string | null): string {
  // Only same-site paths: an open redirect here would hand a phishing page a trusted link.
  if (!raw) return '/';
  try {
    const url = new URL(raw, window.location.origin);
    // `//evil.example` is a same-origin path to URL() but an external URL to the router.
    if (url.origin !== window.location.origin || url.pathname.startsWith('//')) return '/';
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

export function SignInForm({
  initialError,
  oidc,
  saml,
}: {
  initialError?: string;
  oidc: { name: string } | null;
  saml: { name: string } | null;
}) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | undefined>(initialError);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (!result || result.error) {
      setBusy(false);
      setError(signInMessage(result?.error ?? 'CredentialsSignin'));
      return;
    }
    router.replace(safeCallback(params.get('callbackUrl')));
    router.refresh();
  }

  return (
    <div className="stack">
      {error && (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      )}
      <form className="stack" method="post" onSubmit={onSubmit} noValidate>
        <Field label="Email">
          <Input name="email" type="email" autoComplete="username" required autoFocus />
        </Field>
        <Field label="Password">
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button
          variant="primary"
          type="submit"
          className="justify-center"
          busy={busy}
          busyLabel="Signing in…"
        >
          Sign in
        </Button>
      </form>
      {(oidc || saml) && <div className="divider">or</div>}
      {oidc && (
        <Button className="justify-center" onClick={() => signIn('oidc', { callbackUrl: '/' })}>
          Continue with {oidc.name}
        </Button>
      )}
      {saml && (
        // A full navigation: the login route redirects to the identity provider.
        <a className={buttonClass({ className: 'justify-center' })} href="/api/sso/saml/login">
          Continue with {saml.name}
        </a>
      )}
    </div>
  );
}
