import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Slack on 127.0.0.1: the Web API methods Vigil calls (form-encoded like the real
 * one, Bearer token, `{ ok, error }` answers), the `response_url` Slack hands out with each
 * interaction, and incoming-webhook receivers (Slack notify-only and Teams). It records every call.
 * No Vigil code is imported, so the Playwright suite uses it too.
 */
export interface FakeSlackUser {
  id: string;
  email: string | null;
  confirmed?: boolean;
}

export interface FakeCall {
  method: string;
  token: string | null;
  args: Record<string, unknown>;
}

export interface FakeSlack {
  /** The Web API base, for VIGIL_SLACK_API_URL. */
  apiUrl: string;
  origin: string;
  teamId: string;
  token: string;
  signingSecret: string;
  users: FakeSlackUser[];
  calls: FakeCall[];
  /** What Vigil posted to response URLs, by the id in the URL. */
  responses: { id: string; body: Record<string, unknown> }[];
  /** What Vigil posted to incoming webhooks, by the webhook's name. */
  webhooks: { name: string; body: Record<string, unknown> }[];
  /** Status the next posts to a webhook answer (200 by default). */
  webhookStatus: Record<string, number>;
  /** Tokens Slack no longer accepts (invalid_auth). */
  revokedTokens: Set<string>;
  /** Methods that fail with this Slack error on their next call. */
  failNext: Record<string, string>;
  responseUrl(id: string): string;
  webhookUrl(name: string): string;
  callsOf(method: string): FakeCall[];
  reset(): void;
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The Slack client JSON-encodes objects (blocks, view) inside the form.
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

export async function startFakeSlack(
  options: { port?: number; teamId?: string; users?: FakeSlackUser[] } = {},
): Promise<FakeSlack> {
  let ts = 0;
  const fake = {
    teamId: options.teamId ?? 'TFAKE0001',
    token: 'xoxb-1111111111-2222222222-fakebottokenvalue',
    signingSecret: 'fakesigningsecret0123456789abcdef',
    users: options.users ?? [],
    calls: [] as FakeCall[],
    responses: [] as FakeSlack['responses'],
    webhooks: [] as FakeSlack['webhooks'],
    webhookStatus: {} as Record<string, number>,
    revokedTokens: new Set<string>(),
    failNext: {} as Record<string, string>,
  };

  function api(method: string, token: string | null, args: Record<string, unknown>) {
    fake.calls.push({ method, token, args });
    if (!token) return { ok: false, error: 'not_authed' };
    if (fake.revokedTokens.has(token) || token !== fake.token)
      return { ok: false, error: 'invalid_auth' };
    const failure = fake.failNext[method];
    if (failure) {
      delete fake.failNext[method];
      return { ok: false, error: failure };
    }
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: fake.teamId, team: 'Fake', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'users.lookupByEmail': {
        const u = fake.users.find(
          (x) => x.email?.toLowerCase() === String(args.email).toLowerCase(),
        );
        return u
          ? { ok: true, user: { id: u.id, team_id: fake.teamId, profile: { email: u.email } } }
          : { ok: false, error: 'users_not_found' };
      }
      case 'users.info': {
        const u = fake.users.find((x) => x.id === args.user);
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: fake.teamId,
            is_email_confirmed: u.confirmed ?? true,
            profile: u.email ? { email: u.email } : {},
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'chat.postMessage':
        ts += 1;
        return { ok: true, channel: args.channel, ts: `1700000000.${String(ts).padStart(6, '0')}` };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: '1700000000.999999' };
      case 'views.open':
        return {
          ok: true,
          view: { id: 'VFAKE', callback_id: (args.view as { callback_id?: string })?.callback_id },
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      try {
        const args = parseBody(raw, req.headers['content-type']);
        if (url.pathname.startsWith('/api/')) {
          const auth = req.headers.authorization;
          const token = auth?.startsWith('Bearer ')
            ? auth.slice(7)
            : ((args.token as string) ?? null);
          return send(200, api(url.pathname.slice(5), token, args));
        }
        if (url.pathname.startsWith('/response/')) {
          fake.responses.push({ id: url.pathname.slice(10), body: args });
          return send(200, { ok: true });
        }
        if (url.pathname.startsWith('/webhook/')) {
          const name = url.pathname.slice(9);
          const status = fake.webhookStatus[name] ?? 200;
          if (status < 300) fake.webhooks.push({ name, body: args });
          res.writeHead(status, { 'content-type': 'text/plain' });
          return res.end(status < 300 ? 'ok' : 'no_service');
        }
        send(404, { ok: false });
      } catch {
        send(400, { ok: false, error: 'invalid_form_data' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    origin,
    apiUrl: `${origin}/api/`,
    responseUrl: (id: string) => `${origin}/response/${id}`,
    webhookUrl: (name: string) => `${origin}/webhook/${name}`,
    callsOf: (method: string) => fake.calls.filter((c) => c.method === method),
    reset() {
      fake.calls.length = 0;
      fake.responses.length = 0;
      fake.webhooks.length = 0;
      fake.failNext = {};
      fake.webhookStatus = {};
      fake.revokedTokens.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A request as Slack would send it: `payload=<json>` form body, signed with the signing secret. */
export function signedInteraction(
  signingSecret: string,
  payload: Record<string, unknown>,
  timestamp = Math.floor(Date.now() / 1000),
): { body: string; headers: Record<string, string> } {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const ts = String(timestamp);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': signature,
    },
  };
}

/** A click on one of the DM's buttons, as Slack's `block_actions` payload carries it. */
export function buttonPayload(
  fake: Pick<FakeSlack, 'teamId' | 'responseUrl'>,
  slackUserId: string,
  actionId: 'vigil_approve' | 'vigil_deny',
  value: string,
  responseId = 'r1',
): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: fake.teamId, domain: 'fake' },
    user: { id: slackUserId, team_id: fake.teamId },
    api_app_id: 'AFAKE',
    trigger_id: '123.456.abc',
    response_url: fake.responseUrl(responseId),
    container: { type: 'message', channel_id: `D${slackUserId}`, message_ts: '1700000000.000001' },
    channel: { id: `D${slackUserId}` },
    actions: [{ action_id: actionId, block_id: 'decision', type: 'button', value, action_ts: '1' }],
  };
}
