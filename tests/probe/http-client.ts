import superjson from 'superjson';

/** What a tRPC call over HTTP answered: the HTTP status and either the data or the error. */
export interface TrpcAnswer {
  status: number;
  data?: unknown;
  error?: { message: string; code: string };
  /** The raw body, for probes that check nothing leaked into it. */
  body: string;
}

/**
 * A browser-like client of a running Vigil: a cookie jar, next-auth's credentials sign-in and
 * tRPC calls in the wire format the app's own client uses (superjson, one call per request).
 */
export class ProbeClient {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** A fresh client (no cookies) against the same server. */
  anonymous(extraHeaders: Record<string, string> = {}): ProbeClient {
    return new ProbeClient(this.baseUrl, extraHeaders);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Copies this client's cookies, e.g. to replay a session after it should have ended. */
  snapshotCookies(): Map<string, string> {
    return new Map(this.cookies);
  }

  restoreCookies(cookies: Map<string, string>): void {
    this.cookies = new Map(cookies);
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.extraHeaders)) headers.set(k, v);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      headers,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  private async csrfToken(): Promise<string> {
    const response = await this.fetch('/api/auth/csrf');
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return csrfToken;
  }

  /** next-auth's credentials sign-in; true when a session cookie came back. */
  async signIn(email: string, password: string, headers: Record<string, string> = {}) {
    const csrfToken = await this.csrfToken();
    const response = await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    });
    const location = response.headers.get('location') ?? '';
    return { ok: this.hasSession() && !location.includes('error='), status: response.status };
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith('next-auth.session-token'));
  }

  /** The organization switcher's call: next-auth's session update with the wanted organization. */
  async switchOrganization(orgId: string): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.fetch('/api/auth/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csrfToken, data: { orgId } }),
    });
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.fetch('/api/auth/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, json: 'true' }).toString(),
    });
  }

  async query(path: string, input?: unknown, headers: Record<string, string> = {}) {
    const qs =
      input === undefined
        ? ''
        : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    return this.answer(await this.fetch(`/api/trpc/${path}${qs}`, { headers }));
  }

  async mutate(path: string, input?: unknown, headers: Record<string, string> = {}) {
    const response = await this.fetch(`/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(input === undefined ? {} : superjson.serialize(input)),
    });
    return this.answer(response);
  }

  private async answer(response: Response): Promise<TrpcAnswer> {
    const body = await response.text();
    let parsed: {
      result?: { data?: { json?: unknown; meta?: unknown } };
      error?: { json?: { message?: string; data?: { code?: string } } };
    } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // Not tRPC's JSON (a proxy or framework page): the status and body say enough.
    }
    if (parsed.result?.data) {
      const data = superjson.deserialize(
        parsed.result.data as Parameters<typeof superjson.deserialize>[0],
      );
      return { status: response.status, data, body };
    }
    const error = parsed.error?.json;
    return {
      status: response.status,
      error: { message: error?.message ?? body.slice(0, 200), code: error?.data?.code ?? '' },
      body,
    };
  }
}

export const DEMO_PASSWORD = 'vigil-demo-2026';
