import { describe, expect, it } from 'vitest';
import { log, captureLogs } from '@/server/services/observability/logger';
import { metrics } from '@/server/services/observability/metrics';
import { noteRequestTenant } from '@/server/services/observability/request-context';
import { observed } from './observed-route';

const SECRETS = ['Bearer vgl_abcdef123456_s3cr3t', 'session=c00kie-value', 'ada@example.com'];

async function countOf(route: string, status: string): Promise<number> {
  const data = await metrics().httpDuration.get();
  const sample = data.values.find(
    (v) =>
      v.metricName === 'vigil_http_request_duration_seconds_count' &&
      v.labels.route === route &&
      v.labels.status === status,
  );
  return sample?.value ?? 0;
}

function request(headers: Record<string, string> = {}) {
  return new Request('http://vigil.test/api/things/123', {
    method: 'POST',
    headers: {
      authorization: SECRETS[0]!,
      cookie: SECRETS[1]!,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify({ email: SECRETS[2], fullName: 'Ada Okafor' }),
  });
}

describe('observed', () => {
  it('logs one line of ids, route, tenant and timing, with no header or body content', async () => {
    const before = await countOf('/api/things/[id]', '201');
    const handler = observed('/api/things/[id]', async (req: Request) => {
      const body = (await req.json()) as Record<string, unknown>;
      noteRequestTenant('org-1');
      // A careless line: the redaction config is the net under it.
      log.info({ event: 'careless', headers: Object.fromEntries(req.headers), body, ...body });
      return Response.json({ ok: true }, { status: 201 });
    });
    const { result, lines } = await captureLogs(() =>
      handler(request({ 'x-request-id': 'lb-42' })),
    );
    expect(result.status).toBe(201);
    expect(result.headers.get('x-request-id')).toBe('lb-42');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const access = parsed.find((l) => l.event === 'http.request');
    expect(access).toMatchObject({
      level: 'info',
      service: 'vigil',
      requestId: 'lb-42',
      route: '/api/things/[id]',
      method: 'POST',
      status: 201,
      orgId: 'org-1',
    });
    expect(typeof access?.durationMs).toBe('number');
    expect(typeof access?.time).toBe('string');
    // The careless line still carries the request's context, and nothing of the request.
    expect(parsed.find((l) => l.event === 'careless')).toMatchObject({
      requestId: 'lb-42',
      orgId: 'org-1',
    });
    const text = lines.join('');
    for (const secret of [...SECRETS, 'c00kie', 's3cr3t', 'Okafor', 'example.com'])
      expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
    expect(await countOf('/api/things/[id]', '201')).toBe(before + 1);
  });

  it('replaces a request id that is not an id, and answers a redirect with the id too', async () => {
    const handler = observed('/api/go', () =>
      Response.redirect('http://vigil.test/elsewhere', 303),
    );
    const { result, lines } = await captureLogs(() =>
      handler(request({ 'x-request-id': 'x y {"level":"fatal"}' })),
    );
    expect(result.status).toBe(303);
    const id = result.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.join('')).not.toContain('fatal');
  });

  it('counts a handler that throws as a 500 and logs its class only', async () => {
    const handler = observed('/api/boom', () => {
      throw new TypeError('cannot read ada@example.com');
    });
    const before = await countOf('/api/boom', '500');
    const { lines } = await captureLogs(() =>
      handler(request()).then(
        () => 'resolved',
        (e: Error) => e.name,
      ),
    );
    expect(await countOf('/api/boom', '500')).toBe(before + 1);
    const text = lines.join('');
    expect(text).toContain('"err":"TypeError"');
    expect(text).not.toContain('ada@example.com');
  });
});
