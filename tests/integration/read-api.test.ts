import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as audit from '@/app/api/v1/audit/route';
import * as cases from '@/app/api/v1/cases/route';
import * as grants from '@/app/api/v1/grants/route';
import * as people from '@/app/api/v1/people/route';
import * as riskPeople from '@/app/api/v1/risk/people/route';
import * as signals from '@/app/api/v1/signals/route';
import * as vendors from '@/app/api/v1/vendors/route';
import { openApiDocument, type JsonSchema } from '@/server/api/openapi';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { openCaseSchema } from '@/server/domain/cases/inputs';
import {
  changeVendorStatusSchema,
  personInputSchema,
  systemInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { createApiKey } from '@/server/services/auth/api-keys';
import { openCase } from '@/server/services/cases/case-commands';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { changeVendorStatus, createVendor } from '@/server/services/inventory/vendor-commands';
import { startLogCapture } from '@/server/services/observability/logger';
import { recomputeOrgRisk } from '@/server/services/risk/recompute';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { shapeErrors } from '../helpers/json-shape';

const RATE = 1000;
vi.stubEnv('VIGIL_READ_RATE_PER_MINUTE', String(RATE));

/** Every read path of the OpenAPI document: the handler that serves it and the table it lists. */
const ROUTES: Record<string, [(request: Request) => Promise<Response>, string]> = {
  '/api/v1/people': [people.GET, 'people'],
  '/api/v1/vendors': [vendors.GET, 'vendors'],
  '/api/v1/grants': [grants.GET, 'access_grants'],
  '/api/v1/signals': [signals.GET, 'signals'],
  '/api/v1/cases': [cases.GET, 'cases'],
  '/api/v1/risk/people': [riskPeople.GET, 'person_risk_scores'],
  '/api/v1/audit': [audit.GET, 'audit_log'],
};
const READ_PATHS = Object.entries(openApiDocument.paths)
  .filter(([, item]) => item.get?.security.some((s) => 'readKey' in s))
  .map(([path]) => path);

type Row = Record<string, unknown>;

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
const keys = { read: '', ingest: '', both: '', bothId: '', bRead: '' };
const ids = { contractor: '', left: '', vendorHigh: '', bPerson: '', bVendor: '' };
const logged: unknown[][] = [];
let logCapture: ReturnType<typeof startLogCapture>;

async function key(org: TestOrg, scopes: ('ingest' | 'read')[]) {
  const name = `key ${randomBytes(3).toString('hex')}`;
  return createApiKey(actorFor(org, 'admin'), createApiKeySchema.parse({ name, scopes }));
}

async function seedOrg(org: TestOrg, names: [string, string, string?, Row?][]) {
  const admin = actorFor(org, 'admin');
  const vendor = (name: string, questionnaire: Row) =>
    createVendor(admin, vendorInputSchema.parse({ name, questionnaire }));
  const critical = await vendor(`${org.slug} Vault`, { fundsAccess: true });
  const high = await vendor(`${org.slug} Cloud`, { productionAccess: true });
  await vendor(`${org.slug} Catering`, {});
  await changeVendorStatus(
    admin,
    changeVendorStatusSchema.parse({ vendorId: high.id, status: 'onboarding', reason: 'signed' }),
  );
  const personIds: string[] = [];
  for (const [fullName, type, endDate, extra] of names) {
    const email = `${fullName.split(' ')[0]!.toLowerCase()}@${org.slug}.test`;
    const vendorId = type === 'employee' ? undefined : critical.id;
    const input = { email, fullName, type, vendorId, endDate, ...extra };
    personIds.push((await createPerson(admin, personInputSchema.parse(input))).id);
  }
  const system = await createSystem(
    admin,
    systemInputSchema.parse({
      name: `${org.slug} Ledger`,
      privileges: [{ name: 'read', sensitivity: 'low' }],
    }),
  );
  const statuses = ['active', 'pending', 'revoked'];
  for (const [i, status] of statuses.entries())
    await rawRows(sql`
      insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification)
      select ${org.id}, ${personIds[i % personIds.length]}, ${system.id}, p.id, ${status}, 'import', 'seed'
      from privileges p where p.org_id = ${org.id} and p.system_id = ${system.id}`);
  // Three signals a few microseconds apart within one millisecond, and two sharing one time: a
  // cursor cut to the millisecond, or one ignoring the id, would skip or repeat some.
  const signal = (severity: string, createdAt: string, n: number, person = personIds[0]!) =>
    rawRows<{ id: string }>(sql`
      insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key, explanation, detector_version, created_at)
      values (${org.id}, 'off_hours', ${person}, ${severity}, now(), now(), ${`seed:${n}`}, 'seed', 'test', ${createdAt}::timestamptz)
      returning id`);
  const signalIds: string[] = [];
  for (const [n, at] of ['.123700', '.123400', '.123100', '', ''].entries()) {
    const time = `2026-09-10T10:00:00${at || '.500000'}Z`;
    const [row] = await signal(n === 0 ? 'critical' : 'high', time, n);
    signalIds.push(row!.id);
  }
  const compliance = actorFor(org, 'compliance');
  for (const [n, signalId] of signalIds.slice(0, 3).entries())
    await openCase(
      compliance,
      openCaseSchema.parse({
        title: `Case ${n}`,
        severity: 'high',
        signalIds: [signalId],
        personIds: [personIds[n % personIds.length]],
        assigneeUserId: n === 0 ? org.users.compliance.id : undefined,
      }),
    );
  await recomputeOrgRisk(org.id);
  return { personIds, vendorHigh: high.id, vendorCritical: critical.id };
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('readapi');
  b = await createTestOrg('readother');
  const seeded = await seedOrg(a, [
    ['Ada Okafor', 'employee'],
    ['bea Lind', 'contractor'],
    ['Cy Moreau', 'vendor_staff'],
    ['Dee Ruiz', 'employee', '2020-01-31'],
    ['eli Park', 'employee'],
    ['Fay Chen', 'contractor'],
    ['Gus Adeyemi', 'employee'],
  ]);
  ids.contractor = seeded.personIds[1]!;
  ids.left = seeded.personIds[3]!;
  ids.vendorHigh = seeded.vendorHigh;
  const other = await seedOrg(b, [
    ['Bo Bravo', 'employee'],
    ['Bix Bravo', 'contractor'],
  ]);
  ids.bPerson = other.personIds[0]!;
  ids.bVendor = other.vendorHigh;
  keys.read = (await key(a, ['read'])).key;
  keys.ingest = (await key(a, ['ingest'])).key;
  const both = await key(a, ['ingest', 'read']);
  keys.both = both.key;
  keys.bothId = both.id;
  keys.bRead = (await key(b, ['read'])).key;
  for (const level of ['log', 'info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
  logCapture = startLogCapture();
});
afterAll(async () => {
  logCapture.stop();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await teardown();
});

function get(
  path: string,
  query: Record<string, string> | string = {},
  bearer: string | null = keys.read,
) {
  const qs = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  const headers = bearer ? { authorization: `Bearer ${bearer}` } : undefined;
  return ROUTES[path]![0](
    new Request(`http://vigil.test${path}${qs ? `?${qs}` : ''}`, { headers }),
  );
}

const rowId = (row: Row) => String(row.id ?? row.personId);

/** Every page of a path, each checked against the document's 200 schema. */
async function walk(path: string, query: Record<string, string>, bearer = keys.read) {
  const schema = (
    openApiDocument.paths[path]!.get!.responses['200'] as {
      content: Record<string, { schema: JsonSchema }>;
    }
  ).content['application/json']!.schema;
  const rows: Row[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const response = await get(path, cursor ? { ...query, cursor } : query, bearer);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    expect(response.headers.get('x-ratelimit-limit')).toBe(String(RATE));
    const page = (await response.json()) as { data: Row[]; nextCursor: string | null };
    expect({ path, errors: shapeErrors(openApiDocument, schema, page) }).toEqual({
      path,
      errors: [],
    });
    rows.push(...page.data);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { rows, pages, ids: rows.map(rowId) };
}

async function count(table: string, orgId: string, where = sql`true`): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${orgId} and ${where}`,
  );
  return row!.n;
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; fields?: Row } })
    .error;
}

describe('the read API', () => {
  it('serves every read path of the OpenAPI document', () => {
    expect([...READ_PATHS].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('pages through every path: documented shapes, no row skipped or repeated, only this organization', async () => {
    for (const path of READ_PATHS) {
      const total = await count(ROUTES[path]![1], a.id);
      expect({ path, enough: total >= 3 }).toEqual({ path, enough: true });
      const whole = await walk(path, { limit: '500' });
      const paged = await walk(path, { limit: '2' });
      expect({ path, pages: whole.pages }).toEqual({ path, pages: 1 });
      expect(paged.pages).toBe(Math.ceil(total / 2));
      expect({ path, ids: paged.ids }).toEqual({ path, ids: whole.ids });
      expect(new Set(paged.ids).size).toBe(total);
      const text = JSON.stringify(paged.rows);
      for (const secret of [b.id, ids.bPerson, ids.bVendor, 'readother'])
        expect({ path, leaked: text.includes(secret) }).toEqual({ path, leaked: false });
    }
  });

  it('keeps each list in its documented order', async () => {
    const names = (await walk('/api/v1/people', {})).rows.map((p) => String(p.fullName));
    expect(names).toEqual(
      [...names].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())),
    );
    const times = (await walk('/api/v1/signals', { limit: '1' })).rows.map((s) => s.createdAt);
    expect(times.slice(0, 5)).toEqual([
      '2026-09-10T10:00:00.500Z',
      '2026-09-10T10:00:00.500Z',
      '2026-09-10T10:00:00.123Z',
      '2026-09-10T10:00:00.123Z',
      '2026-09-10T10:00:00.123Z',
    ]);
    const seqs = (await walk('/api/v1/audit', { limit: '50' })).rows.map((e) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    const risks = (await walk('/api/v1/risk/people', {})).rows.map((r) => Number(r.risk));
    expect(risks).toEqual([...risks].sort((x, y) => y - x));
  });

  it('filters each list', async () => {
    const filtered = async (path: string, query: Record<string, string>) =>
      (await walk(path, { ...query, limit: '2' })).rows;
    const contractors = await filtered('/api/v1/people', { type: 'contractor' });
    expect(contractors.map((p) => p.fullName)).toEqual(['bea Lind', 'Fay Chen']);
    expect(contractors[0]).toMatchObject({ id: ids.contractor, status: 'active' });
    expect(await filtered('/api/v1/people', { status: 'left' })).toEqual([
      expect.objectContaining({ id: ids.left, status: 'left', endDate: '2020-01-31' }),
    ]);
    expect((await filtered('/api/v1/people', { q: 'OKAFOR' })).map((p) => p.fullName)).toEqual([
      'Ada Okafor',
    ]);
    const live = await filtered('/api/v1/vendors', { tier: 'critical,high', status: 'onboarding' });
    expect(live.map((v) => v.id)).toEqual([ids.vendorHigh]);
    const active = await filtered('/api/v1/grants', { status: 'active,pending' });
    expect(active.map((g) => g.status).sort()).toEqual(['active', 'pending']);
    const critical = await filtered('/api/v1/signals', {
      severity: 'critical',
      since: '2026-09-10T10:00:00.1Z',
      until: '2026-09-10T10:00:00.2Z',
    });
    expect(critical).toEqual([
      expect.objectContaining({ severity: 'critical', status: 'escalated' }),
    ]);
    expect(critical[0]!.caseId).toEqual(expect.any(String));
    const assigned = await filtered('/api/v1/cases', { assignee: a.users.compliance.email });
    expect(assigned).toEqual([
      expect.objectContaining({
        title: 'Case 0',
        assignee: { userId: a.users.compliance.id, email: a.users.compliance.email },
      }),
    ]);
    expect(await filtered('/api/v1/cases', { assignee: 'none' })).toHaveLength(2);
    const scored = await filtered('/api/v1/risk/people', {
      minScore: '0',
      band: 'low,medium,high,critical',
    });
    expect(scored).toHaveLength(await count('person_risk_scores', a.id));
    const personAudit = await filtered('/api/v1/audit', {
      action: 'person.*',
      entityType: 'person',
    });
    expect(personAudit.length).toBe(
      await count('audit_log', a.id, sql`action like 'person.%' and entity_type = 'person'`),
    );
    expect(personAudit.length).toBeGreaterThanOrEqual(7);
    // Another organization's id as a filter finds nothing.
    expect(await filtered('/api/v1/signals', { personId: ids.bPerson })).toEqual([]);
    expect(await filtered('/api/v1/people', { vendorId: ids.bVendor })).toEqual([]);
  });

  it('answers 401 without a valid key and 403 to a key without the read scope', async () => {
    for (const path of READ_PATHS) {
      for (const bearer of [null, 'vgl_notakey']) {
        const response = await get(path, {}, bearer);
        expect({ path, status: response.status }).toEqual({ path, status: 401 });
        expect(response.headers.get('www-authenticate')).toBe('Bearer realm="vigil"');
        expect(await errorOf(response)).toMatchObject({ code: 'unauthorized' });
      }
      const ingestOnly = await get(path, {}, keys.ingest);
      expect({ path, status: ingestOnly.status }).toEqual({ path, status: 403 });
      expect(await errorOf(ingestOnly)).toEqual({
        code: 'forbidden',
        message: 'This API key does not have the read scope.',
      });
    }
  });

  it('answers 400 with the problems by parameter for bad filters, cursors and parameters', async () => {
    const crafted = Buffer.from(JSON.stringify(["x' or 1=1 --", 'nope'])).toString('base64url');
    const cases: [string, string, string][] = [
      ['/api/v1/signals', 'severity=extreme', 'severity'],
      ['/api/v1/signals', 'since=yesterday', 'since'],
      ['/api/v1/audit', 'since=2026-09-02&until=2026-09-01', 'until'],
      ['/api/v1/people', 'limit=501', 'limit'],
      ['/api/v1/people', 'cursor=garbage!', 'cursor'],
      ['/api/v1/signals', `cursor=${crafted}`, 'cursor'],
      ['/api/v1/risk/people', `cursor=${crafted}`, 'cursor'],
      ['/api/v1/audit', `cursor=${crafted}`, 'cursor'],
      ['/api/v1/people', 'stauts=active', 'stauts'],
      ['/api/v1/people', 'type=employee&type=contractor', 'type'],
      ['/api/v1/grants', 'personId=42', 'personId'],
      ['/api/v1/cases', 'assignee=nobody', 'assignee'],
    ];
    for (const [path, query, field] of cases) {
      const response = await get(path, query);
      const error = await errorOf(response);
      expect({ query, status: response.status, code: error.code }).toEqual({
        query,
        status: 400,
        code: 'bad_request',
      });
      expect({ query, fields: Object.keys(error.fields ?? {}) }).toEqual({
        query,
        fields: [field],
      });
      expect(error.message).toContain(field);
      expect(response.headers.get('x-ratelimit-limit')).toBe(String(RATE));
    }
    const cursor = await errorOf(await get('/api/v1/people', 'cursor=garbage!'));
    expect(cursor.fields).toEqual({
      cursor: ['That page link is not valid; start again from the first page (no cursor).'],
    });
  });

  it("shows another organization's key only that organization's rows", async () => {
    for (const path of READ_PATHS) {
      const { rows } = await walk(path, { limit: '500' }, keys.bRead);
      expect(rows.length).toBe(await count(ROUTES[path]![1], b.id));
      const text = JSON.stringify(rows);
      for (const secret of [a.id, ids.contractor, ids.left, ids.vendorHigh, 'readapi'])
        expect({ path, leaked: text.includes(secret) }).toEqual({ path, leaked: false });
    }
  });

  it('limits reads per key per minute with 429 and Retry-After, apart from ingest', async () => {
    const bucket = `api_key:${keys.bothId}:read`;
    expect((await get('/api/v1/vendors', {}, keys.both)).status).toBe(200);
    await rawRows(sql`update auth_throttle set attempts = ${RATE} where key = ${bucket}`);
    const limited = await get('/api/v1/vendors', {}, keys.both);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await errorOf(limited)).toMatchObject({ code: 'rate_limited' });
    // The key's ingest budget is its own bucket, untouched by reads.
    expect(
      await rawRows(sql`select 1 from auth_throttle where key = ${`api_key:${keys.bothId}`}`),
    ).toEqual([]);
    await rawRows(
      sql`update auth_throttle set window_started_at = now() - interval '61 seconds' where key = ${bucket}`,
    );
    expect((await get('/api/v1/vendors', {}, keys.both)).status).toBe(200);
  });

  it('audits no read and logs nothing personal', async () => {
    const reads = await count(
      'audit_log',
      a.id,
      sql`(action like 'read%' or actor_type = 'api_key')`,
    );
    // The only entries an API key caused are the refused ingest-only key's (403 above).
    const refusals = await count('audit_log', a.id, sql`action = 'api_key.refused'`);
    expect(reads).toBe(refusals);
    const text = JSON.stringify(logged) + logCapture.lines.join('');
    // The requests above wrote their lines (http.request, api.unauthorized): the capture is live.
    expect(logCapture.lines.length).toBeGreaterThan(0);
    for (const personal of ['okafor', 'Okafor', '@readapi.test', 'OKAFOR', keys.read.slice(17)])
      expect({ personal, logged: text.includes(personal) }).toEqual({ personal, logged: false });
  });
});
