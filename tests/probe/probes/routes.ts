import { fail, pass, type Probe } from '../probe';

const KEYED_ROUTES: { method: 'GET' | 'POST'; path: string }[] = [
  { method: 'GET', path: '/api/v1/people' },
  { method: 'GET', path: '/api/v1/vendors' },
  { method: 'GET', path: '/api/v1/grants' },
  { method: 'GET', path: '/api/v1/signals' },
  { method: 'GET', path: '/api/v1/cases' },
  { method: 'GET', path: '/api/v1/risk/people' },
  { method: 'GET', path: '/api/v1/audit' },
  { method: 'POST', path: '/api/v1/ingest/okta' },
  { method: 'POST', path: '/api/v1/ingest/tickets' },
];

const SESSION_ROUTES: { method: 'GET' | 'POST'; path: string }[] = [
  { method: 'POST', path: '/api/ingest/upload' },
  { method: 'POST', path: '/api/evidence/verify' },
  { method: 'GET', path: '/api/evidence/00000000-0000-4000-8000-000000000000/download' },
  { method: 'GET', path: '/api/vendor-reviews/evidence/00000000-0000-4000-8000-000000000000' },
];

interface EvidencePackageRow {
  id: string;
  status: string;
}

/** The HTTP routes besides tRPC: keys, sessions and download headers (docs/SECURITY.md). */
export const routeProbes: Probe[] = [
  {
    id: 'routes.api-keys',
    title: 'The read and ingest API refuse a missing, malformed or unknown key',
    async run(ctx) {
      const wrong: string[] = [];
      const keys = [undefined, 'Bearer ', 'Bearer vgl_abcdefgh_' + 'A'.repeat(43), 'Basic YTpi'];
      for (const route of KEYED_ROUTES) {
        for (const key of keys) {
          const response = await ctx.anonymous().fetch(route.path, {
            method: route.method,
            headers: key ? { authorization: key } : {},
            body: route.method === 'POST' ? '{}' : undefined,
          });
          if (response.status !== 401)
            wrong.push(`${route.path} (${key ?? 'none'}) → ${response.status}`);
        }
      }
      const n = KEYED_ROUTES.length * keys.length;
      return wrong.length ? fail(wrong.slice(0, 5).join(', '), n) : pass(`${n} requests: 401`, n);
    },
  },
  {
    id: 'routes.sessions',
    title: 'Upload, verification and download routes refuse a caller without a session',
    async run(ctx) {
      const wrong: string[] = [];
      for (const route of SESSION_ROUTES) {
        const response = await ctx.anonymous().fetch(route.path, { method: route.method });
        if (response.status !== 401 && response.status !== 403)
          wrong.push(`${route.path} → ${response.status}`);
      }
      const slack = await ctx.anonymous().fetch('/api/integrations/slack/interactions', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'payload=%7B%7D',
      });
      if (slack.status !== 401 && slack.status !== 400)
        wrong.push(`slack interactions unsigned → ${slack.status}`);
      const n = SESSION_ROUTES.length + 1;
      return wrong.length ? fail(wrong.join(', '), n) : pass(`${n} routes refuse`, n);
    },
  },
  {
    id: 'routes.operations',
    title: 'Metrics need their token; health endpoints and request ids tell a stranger nothing',
    async run(ctx) {
      const wrong: string[] = [];
      // Unset token: 404 (off); set: 401 without it. Never the numbers (docs/OPERATIONS.md).
      for (const authorization of [undefined, 'Bearer guessed-metrics-token-000000']) {
        const response = await ctx.anonymous().fetch('/metrics', {
          headers: authorization ? { authorization } : {},
        });
        const text = await response.text();
        if (![401, 404].includes(response.status) || text.includes('vigil_'))
          wrong.push(
            `/metrics (${authorization ? 'guessed token' : 'no token'}) → ${response.status}`,
          );
      }
      const health = await ctx.anonymous().fetch('/api/health');
      if (health.status !== 200 || (await health.text()) !== '{"status":"ok"}')
        wrong.push(`/api/health → ${health.status}`);
      const ready = await ctx.anonymous().fetch('/api/ready', {
        headers: { 'x-request-id': 'probe <script>alert(1)</script>' },
      });
      const body = (await ready.json()) as Record<string, unknown>;
      const keys = Object.keys(body).sort().join(',');
      if (keys !== 'database,databaseLatencyMs,queue,replica,status')
        wrong.push(`/api/ready answers ${keys}`);
      if (!/^[0-9a-f-]{36}$/.test(ready.headers.get('x-request-id') ?? ''))
        wrong.push(`an unsafe X-Request-Id came back as ${ready.headers.get('x-request-id')}`);
      return wrong.length
        ? fail(wrong.join('; '), 4)
        : pass('metrics refused; health and readiness carry no tenant data', 4);
    },
  },
  {
    id: 'routes.download-headers',
    title: 'Evidence downloads are attachments, never rendered; managers cannot fetch them',
    async run(ctx) {
      const list = await ctx.auditor.query('evidence.list');
      const rows = Object.values((list.data ?? {}) as object).find(Array.isArray) as
        EvidencePackageRow[] | undefined;
      const ready = (Array.isArray(list.data) ? (list.data as EvidencePackageRow[]) : rows)?.find(
        (p) => p.status === 'ready',
      );
      if (!ready) return fail('no ready evidence package in the demo data', 1);
      const path = `/api/evidence/${ready.id}/download`;
      const response = await ctx.auditor.fetch(path);
      await response.arrayBuffer();
      const wrong: string[] = [];
      if (response.status !== 200) wrong.push(`auditor → ${response.status}`);
      if (!/^attachment/.test(response.headers.get('content-disposition') ?? ''))
        wrong.push('not an attachment');
      if (response.headers.get('x-content-type-options') !== 'nosniff') wrong.push('no nosniff');
      const manager = await ctx.manager.fetch(path);
      if (manager.status !== 403 && manager.status !== 404)
        wrong.push(`manager → ${manager.status}`);
      return wrong.length
        ? fail(wrong.join('; '), 3)
        : pass('attachment + nosniff; manager refused', 3);
    },
  },
  {
    id: 'audit.chain-intact',
    title: 'After every probe, the audit chain still verifies',
    async run(ctx) {
      const answer = await ctx.auditor.query('audit.verify');
      const result = answer.data as
        { ok?: boolean; entries?: number; checked?: number } | undefined;
      return result?.ok
        ? pass(`chain verifies (${JSON.stringify(result).slice(0, 80)})`, 1)
        : fail(`verify answered ${answer.status}: ${answer.body.slice(0, 160)}`, 1);
    },
  },
];
