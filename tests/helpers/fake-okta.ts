import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * A stand-in for Okta's System Log API on 127.0.0.1 (docs/CONNECTORS.md §Okta): `GET
 * /api/v1/logs` with an `SSWS` token, pages of `limit` events in ascending order, a `Link:
 * rel="next"` header on every answer (an empty page too, as Okta's polling queries do) whose
 * `after` is the opaque cursor. Tests script failures (429 with Retry-After, 5xx, an expired
 * token) and read back the requests it got.
 */
export interface FakeOkta {
  url: string;
  port: number;
  token: string;
  events: unknown[];
  requests: { url: string; authorization: string | undefined }[];
  /** Answers given before the next normal ones, first in first out. */
  failures: { status: number; retryAfter?: string; body?: string }[];
  close: () => Promise<void>;
}

const SAMPLES = fs
  .readFileSync(path.resolve(process.cwd(), 'tests/fixtures/okta/system-log.ndjson'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Record<string, unknown>);

/**
 * `count` System Log events built from the real samples in tests/fixtures/okta/ (each sample's
 * shape, a distinct uuid and a published time one second apart from `start`).
 */
export function oktaEvents(count: number, start = new Date(Date.now() - 3_600_000), tag = 'e') {
  return Array.from({ length: count }, (_, i) => ({
    ...structuredClone(SAMPLES[i % SAMPLES.length]!),
    uuid: `${tag}-${String(i).padStart(6, '0')}-okta-fake`,
    published: new Date(start.getTime() + i * 1000).toISOString(),
  }));
}

const encode = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const decode = (after: string) => {
  const match = /^offset:(\d+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
};

export async function startFakeOkta(
  options: { events?: unknown[]; token?: string; port?: number } = {},
): Promise<FakeOkta> {
  const fake: Omit<FakeOkta, 'url' | 'port' | 'close'> = {
    token: options.token ?? '00fake-okta-token-0123456789',
    events: options.events ?? [],
    requests: [],
    failures: [],
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    fake.requests.push({
      url: url.pathname + url.search,
      authorization: req.headers.authorization,
    });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname !== '/api/v1/logs')
      return json(404, { errorCode: 'E0000022', errorSummary: 'The endpoint does not exist.' });
    if (req.headers.authorization !== `SSWS ${fake.token}`)
      return json(401, {
        errorCode: 'E0000011',
        errorSummary: 'Invalid token provided',
        errorCauses: [],
      });
    const failure = fake.failures.shift();
    if (failure)
      return json(
        failure.status,
        failure.body ?? { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit.' },
        failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {},
      );
    const after = url.searchParams.get('after');
    const offset = after === null ? 0 : decode(after);
    if (offset === null)
      return json(400, { errorCode: 'E0000031', errorSummary: 'Invalid after cursor' });
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100) || 100, 1000);
    const page = fake.events.slice(offset, offset + limit);
    const base = `http://127.0.0.1:${port}/api/v1/logs`;
    const self = `<${base}${url.search}>; rel="self"`;
    const nextQuery = new URLSearchParams(url.searchParams);
    nextQuery.set('after', encode(offset + page.length));
    const next = `<${base}?${nextQuery}>; rel="next"`;
    return json(200, page, { Link: `${self}, ${next}` });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as FakeOkta;
}
