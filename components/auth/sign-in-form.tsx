'use client';

import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';

const GENERIC = 'Email or password is incorrect, or the account is temporarily locked.';

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
  sso,
}: {
  initialError?: string;
  sso: { name: string } | null;
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
      setError(GENERIC);
      return;
    }
    router.replace(safeCallback(params.get('callbackUrl')));
    router.refresh();
  }

  return (
    <div className="stack">
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <form className="stack" method="post" onSubmit={onSubmit} noValidate>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button className="btn btn-primary justify-center" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {sso && (
        <>
          <div className="divider">or</div>
          <button
            type="button"
            className="btn justify-center"
            onClick={() => signIn('oidc', { callbackUrl: '/' })}
          >
            Continue with {sso.name}
          </button>
        </>
      )}
    </div>
  );
}
