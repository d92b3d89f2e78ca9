import { fail, pass, type Probe } from '../probe';

const REQUIRED_HEADERS: Record<string, RegExp> = {
  'x-frame-options': /^DENY$/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /strict-origin-when-cross-origin/,
  'cross-origin-opener-policy': /same-origin/,
  'permissions-policy': /camera=\(\)/,
  'content-security-policy': /default-src 'self'.*script-src[^;]*'nonce-[A-Za-z0-9+/=]+'/,
};

/** docs/SECURITY.md §Web: headers, CSRF and redirects. */
export const webProbes: Probe[] = [
  {
    id: 'web.headers',
    title: 'Security headers and a per-request CSP nonce on pages',
    async run(ctx) {
      const seen: string[] = [];
      const nonces = new Set<string>();
      for (const path of ['/sign-in', '/sign-in']) {
        const response = await ctx.anonymous().fetch(path);
        for (const [name, pattern] of Object.entries(REQUIRED_HEADERS)) {
          const value = response.headers.get(name) ?? '';
          if (!pattern.test(value)) seen.push(`${path}: ${name}="${value}"`);
        }
        if (response.headers.get('x-powered-by')) seen.push(`${path}: X-Powered-By present`);
        const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '');
        if (nonce?.[1]) nonces.add(nonce[1]);
      }
      if (nonces.size !== 2) seen.push('the CSP nonce repeats across requests');
      return seen.length ? fail(seen.join('; '), 2) : pass('all headers present; nonce fresh', 2);
    },
  },
  {
    id: 'web.csrf',
    title: 'A cross-site POST to the API is refused even with a valid session',
    async run(ctx) {
      const answer = await ctx.admin.mutate(
        'organization.update',
        { name: 'Pwned', settings: {} },
        { origin: 'https://evil.example' },
      );
      return answer.status === 403
        ? pass('403 for Origin https://evil.example', 1)
        : fail(`status ${answer.status}: ${answer.body.slice(0, 120)}`, 1);
    },
  },
  {
    id: 'web.open-redirect',
    title: 'Sign-in never redirects to another site',
    async run(ctx) {
      const client = ctx.anonymous();
      const csrf = (await (await client.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
      const response = await client.fetch('/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          csrfToken: csrf.csrfToken,
          email: 'nobody@example.test',
          password: 'not-the-password-123',
          callbackUrl: 'https://evil.example/phish',
        }).toString(),
      });
      const location = response.headers.get('location') ?? '';
      const target = location ? new URL(location, ctx.baseUrl) : null;
      // The app's own origin is NEXTAUTH_URL, which may differ from the address probed.
      return target?.hostname.endsWith('evil.example')
        ? fail(`redirected to ${target.origin}`, 2)
        : pass(`stays on the site (${target?.pathname ?? 'no redirect'})`, 2);
    },
  },
];
