import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/v1/ingest/[format]/route';
import { GET as openApi } from '@/app/api/v1/openapi.json/route';
import { apiKeys } from '@/db/schema';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { personInputSchema, systemInputSchema } from '@/server/domain/inventory/inputs';
import { createApiKey, revokeApiKey } from '@/server/services/auth/api-keys';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { asOwner, rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Small limits so the 413 / 429 paths run in milliseconds; read by getEnv() on first use.
const MAX_BYTES = 64 * 1024;
const MAX_DECOMPRESSED = 1024 * 1024;
const RATE = 5;
const MAX_LINES = 20_000;
vi.stubEnv('VIGIL_INGEST_MAX_BYTES', String(MAX_BYTES));
vi.stubEnv('VIGIL_INGEST_MAX_LINES', String(MAX_LINES));
vi.stubEnv('VIGIL_INGEST_MAX_DECOMPRESSED_BYTES', String(MAX_DECOMPRESSED));
vi.stubEnv('VIGIL_INGEST_RATE_PER_MINUTE', String(RATE));

const OKTA = path.resolve(process.cwd(), 'tests/fixtures/logs/okta/system-events.ndjson');

let teardown: () => Promise<void>;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  org = await createTestOrg('api');
  other = await createTestOrg('apiother');
  const admin = actorFor(org, 'admin');
  await createPerson(
    admin,
    personInputSchema.parse({ email: 'ada@api.test', fullName: 'Ada Okafor', type: 'employee' }),
  );
  await createSystem(admin, systemInputSchema.parse({ name: 'Support Console' }));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await teardown();
});

/** A fresh key per test, so one test's requests never eat into another's rate. */
/** The random part of `vgl_<prefix>_<secret>` (base64url, so it may itself contain `_`). */
const secretPart = (key: string) => key.slice('vgl_'.length + 12 + 1);

async function newKey(scopes: ('ingest' | 'read')[] = ['ingest'], owner: TestOrg = org) {
  return createApiKey(
    actorFor(owner, 'admin'),
    createApiKeySchema.parse({
      name: `key ${randomBytes(3).toString('hex')}`,
      scopes,
    }),
  );
}

type Body = string | Uint8Array | ReadableStream<Uint8Array> | null;

function post(
  format: string,
  body: Body,
  options: { key?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.key) headers.set('authorization', `Bearer ${options.key}`);
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'POST',
    headers,
    // A copy backed by a plain ArrayBuffer, which is what BodyInit accepts.
    body: body instanceof Uint8Array ? new Uint8Array(body) : body,
  };
  // A stream body has no length: exactly what a chunked upload without Content-Length looks like.
  if (body instanceof ReadableStream) init.duplex = 'half';
  return POST(new Request(`http://vigil.test/api/v1/ingest/${format}`, init), {
    params: Promise.resolve({ format }),
  });
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

function canonical(n: number, prefix: string, extra: Record<string, unknown> = {}): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      event_id: `${prefix}-${i}`,
      occurred_at: new Date(Date.UTC(2026, 8, 1 + (i % 28), i % 24)).toISOString(),
      actor: i % 4 === 0 ? 'stranger@elsewhere.example' : 'ada@api.test',
      system: 'Support Console',
      action: 'customer.view',
      resource: `cust-${i}`,
      ...extra,
    }),
  ).join('\n');
}

async function eventCount(orgId: string): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    sql`select count(*)::int as n from access_events where org_id = ${orgId}`,
  );
  return row!.n;
}

describe('POST /api/v1/ingest/{format}', () => {
  it('answers an unknown format with 404 and the list of formats', async () => {
    const { key } = await newKey();
    const response = await post('syslog', '{}', { key });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({
      code: 'not_found',
      message: 'Unknown format; use one of okta, cloudtrail, gworkspace, github, ndjson, csv.',
    });
  });

  it('answers 401, the same way, for a missing, malformed, wrong, revoked or expired key', async () => {
    const good = await newKey();
    const revoked = await newKey();
    await revokeApiKey(actorFor(org, 'admin'), { id: revoked.id });
    const expired = await newKey();
    await asOwner((tx) =>
      tx
        .update(apiKeys)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(apiKeys.id, expired.id)),
    );
    const wrongSecret = `${good.key.slice(0, -4)}AAAA`;
    const before = await eventCount(org.id);
    const answers = [];
    for (const key of [null, 'not-a-key', wrongSecret, revoked.key, expired.key]) {
      const response = await post('ndjson', canonical(2, 'unauth'), { key });
      answers.push({
        status: response.status,
        challenge: response.headers.get('www-authenticate'),
        error: await errorOf(response),
      });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({
      status: 401,
      challenge: 'Bearer realm="vigil"',
      error: { code: 'unauthorized', message: 'Missing, invalid, revoked or expired API key.' },
    });
    const basic = await post('ndjson', 'x', { headers: { authorization: `Basic ${good.key}` } });
    expect(basic.status).toBe(401);
    expect(await eventCount(org.id)).toBe(before);
    // Refusals of a real key are in its organization's audit log, never with the presented secret.
    const refused = await rawRows<{ entity_id: string; after: { reason: string } }>(
      sql`select entity_id, after from audit_log where org_id = ${org.id} and action = 'api_key.refused' order by seq`,
    );
    expect(refused.map((r) => [r.entity_id, r.after.reason])).toEqual([
      [good.id, 'wrong_secret'],
      [revoked.id, 'revoked'],
      [expired.id, 'expired'],
    ]);
    const audit = JSON.stringify(await rawRows(sql`select * from audit_log`));
    for (const secret of [good.key, wrongSecret, revoked.key, expired.key])
      expect(audit).not.toContain(secretPart(secret));
  });

  it('answers 403 to a live key without the ingest scope', async () => {
    const { key, id } = await newKey(['read']);
    const response = await post('ndjson', canonical(1, 'ro'), { key });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toEqual({
      code: 'forbidden',
      message: 'This API key does not have the ingest scope.',
    });
    const [entry] = await rawRows<{ actor_type: string; actor_id: string }>(
      sql`select actor_type, actor_id from audit_log where org_id = ${org.id} and action = 'api_key.refused' and entity_id = ${id}`,
    );
    expect(entry).toMatchObject({ actor_type: 'api_key', actor_id: id });
  });

  it('stores canonical NDJSON and answers 202 with the summary; a retry inserts nothing', async () => {
    const { key, id, name, prefix } = await newKey();
    const body = `${canonical(20, 'nd')}\n{"event_id":"bad-1","actor":"ada@api.test"}\nnot json\n`;
    const first = await post('ndjson', body, { key });
    expect(first.status).toBe(202);
    expect(first.headers.get('x-ratelimit-limit')).toBe(String(RATE));
    expect(first.headers.get('x-ratelimit-remaining')).toBe(String(RATE - 1));
    const summary = (await first.json()) as Record<string, unknown>;
    expect(summary).toMatchObject({
      format: 'ndjson',
      received: 22,
      inserted: 20,
      duplicates: 0,
      rejectedCount: 2,
      unresolvedActors: 1,
    });
    expect(summary.rejected).toEqual([
      { line: 21, reason: expect.stringMatching(/occurred_at is required/) },
      { line: 22, reason: expect.stringMatching(/JSON/i) },
    ]);
    const retry = await post('ndjson', body, { key });
    expect(await retry.json()).toMatchObject({ received: 22, inserted: 0, duplicates: 20 });
    // Each request is one batch, audited with the key (by name and public prefix) as the actor.
    const entries = await rawRows<{
      actor_type: string;
      actor_id: string;
      actor_label: string;
      entity_id: string;
    }>(
      sql`select actor_type, actor_id, actor_label, entity_id from audit_log where org_id = ${org.id} and action = 'ingest.batch' and actor_id = ${id} order by seq`,
    );
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      actor_type: 'api_key',
      actor_label: `${name} (${prefix})`,
      entity_id: summary.batchId,
    });
    const stored = JSON.stringify(
      await rawRows(
        sql`select b.*, a.* from ingest_batches b, audit_log a where b.org_id = ${org.id}`,
      ),
    );
    expect(stored).not.toContain(secretPart(key));
  });

  it('takes a gzipped Okta export, declared or detected by its magic bytes, idempotently', async () => {
    const { key } = await newKey();
    const gz = gzipSync(fs.readFileSync(OKTA));
    const declared = await post('okta', gz, {
      key,
      headers: { 'content-encoding': 'gzip', 'content-type': 'application/x-ndjson' },
    });
    expect(declared.status).toBe(202);
    const first = (await declared.json()) as Record<string, number>;
    // The published sample repeats source ids (tests/fixtures/logs/README.md): 20 lines, 7 ids
    // at 10 distinct (id, time) pairs, each one stored row.
    expect(first).toMatchObject({ received: 20, inserted: 10, duplicates: 10, rejectedCount: 0 });
    const sniffed = await post('okta', gz, { key });
    expect(await sniffed.json()).toMatchObject({ received: 20, inserted: 0, duplicates: 20 });
  });

  it('refuses Content-Encoding: gzip on a body that is not gzip, and encodings it cannot read', async () => {
    const { key } = await newKey();
    const before = await eventCount(org.id);
    const lie = await post('ndjson', canonical(3, 'lie'), {
      key,
      headers: { 'content-encoding': 'gzip' },
    });
    expect(lie.status).toBe(400);
    expect((await errorOf(lie)).message).toMatch(
      /Content-Encoding: gzip, but the body is not gzip/,
    );
    const br = await post('ndjson', canonical(3, 'br'), {
      key,
      headers: { 'content-encoding': 'br' },
    });
    expect(br.status).toBe(415);
    expect(await errorOf(br)).toMatchObject({ code: 'unsupported_media_type' });
    expect(await eventCount(org.id)).toBe(before);
  });

  it('answers a malformed body with 400 and a clear message, storing nothing', async () => {
    const { key } = await newKey();
    const before = await eventCount(org.id);
    const cases: [string, Body, RegExp][] = [
      ['okta', 'this is not a log file\n', /not JSON/],
      ['ndjson', Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]), /gzip data is damaged/],
      ['csv', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), /ZIP archive/],
      ['ndjson', null, /no body/],
    ];
    for (const [format, body, message] of cases) {
      const response = await post(format, body, { key });
      const error = await errorOf(response);
      expect({ format, status: response.status, code: error.code }).toEqual({
        format,
        status: 400,
        code: 'bad_request',
      });
      expect(error.message).toMatch(message);
    }
    expect(await eventCount(org.id)).toBe(before);
    const failed = await rawRows<{ error: string }>(
      sql`select error from ingest_batches where org_id = ${org.id} and error is not null`,
    );
    expect(failed.length).toBeGreaterThanOrEqual(3);
  });

  it('answers 413 up front when Content-Length is over the limit', async () => {
    const { key } = await newKey();
    const response = await post('ndjson', 'x', {
      key,
      headers: { 'content-length': String(MAX_BYTES + 1) },
    });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({
      code: 'payload_too_large',
      message: 'The request body is larger than 64 KiB; send it in smaller requests.',
    });
  });

  it('stops a body without Content-Length at the limit, plain or gzipped, and refuses gzip bombs', async () => {
    const { key } = await newKey();
    let pulled = 0;
    const line = new TextEncoder().encode(`${canonical(1, 'stream')}\n`);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += line.length;
        controller.enqueue(line);
      },
    });
    const plain = await post('ndjson', endless, { key });
    expect(plain.status).toBe(413);
    expect((await errorOf(plain)).message).toMatch(/larger than 64 KiB/);
    expect(pulled).toBeLessThan(MAX_BYTES + 4 * line.length);

    // Valid NDJSON that barely compresses, so the gzipped body itself goes over the limit.
    const noisy = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ event_id: `n-${i}`, resource: randomBytes(300).toString('base64') }),
    ).join('\n');
    const incompressible = gzipSync(noisy);
    expect(incompressible.length).toBeGreaterThan(MAX_BYTES);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < incompressible.length; i += 8192)
          controller.enqueue(incompressible.subarray(i, i + 8192));
        controller.close();
      },
    });
    const gzipped = await post('ndjson', chunked, { key });
    expect(gzipped.status).toBe(413);
    expect((await errorOf(gzipped)).message).toMatch(/request body is larger than 64 KiB/);

    const bomb = gzipSync(Buffer.alloc(MAX_DECOMPRESSED * 4, 0x20));
    expect(bomb.length).toBeLessThan(MAX_BYTES);
    const exploded = await post('ndjson', bomb, { key });
    expect(exploded.status).toBe(413);
    expect((await errorOf(exploded)).message).toMatch(/larger than 1 MiB once decompressed/);
  });

  it('refuses a gzip body of newlines after valid events (F1) with 413, storing nothing', async () => {
    const { key } = await newKey();
    const before = await eventCount(org.id);
    // Under the decompressed-size cap: only the line budget stops it.
    const flood = gzipSync(`${canonical(3, 'flood')}\n${'\n'.repeat(MAX_LINES * 10)}`);
    expect(flood.length).toBeLessThan(MAX_BYTES);
    const response = await post('ndjson', flood, { key, headers: { 'content-encoding': 'gzip' } });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({
      code: 'payload_too_large',
      message: 'The input has more than 20,000 lines; split it into smaller files.',
    });
    const tooBig = gzipSync(`${canonical(3, 'big')}\n${' '.repeat(MAX_DECOMPRESSED)}\n`);
    expect((await post('ndjson', tooBig, { key })).status).toBe(413);
    expect(await eventCount(org.id)).toBe(before);
  });

  it('limits each key per minute with 429 and Retry-After, across keys independently', async () => {
    const { key, id } = await newKey();
    for (let i = 0; i < RATE; i++)
      expect((await post('ndjson', canonical(1, `rate-${i}`), { key })).status).toBe(202);
    const limited = await post('ndjson', canonical(1, 'rate-x'), { key });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await errorOf(limited)).toMatchObject({ code: 'rate_limited' });
    // Another key of the same organization has its own budget.
    const fresh = await newKey();
    expect((await post('ndjson', canonical(1, 'rate-y'), { key: fresh.key })).status).toBe(202);
    // The window is the database's: once it has passed, the key may send again.
    await rawRows(
      sql`update auth_throttle set window_started_at = now() - interval '61 seconds' where key = ${`api_key:${id}`}`,
    );
    expect((await post('ndjson', canonical(1, 'rate-z'), { key })).status).toBe(202);
  });

  it("writes only into the key's own organization", async () => {
    const { key } = await newKey();
    const otherAdmin = actorFor(other, 'admin');
    await createPerson(
      otherAdmin,
      personInputSchema.parse({ email: 'bo@apiother.test', fullName: 'Bo', type: 'employee' }),
    );
    const before = await eventCount(other.id);
    const response = await post('ndjson', canonical(4, 'cross', { actor: 'bo@apiother.test' }), {
      key,
    });
    expect(await response.json()).toMatchObject({ inserted: 4, unresolvedActors: 1 });
    expect(await eventCount(other.id)).toBe(before);
    const otherKey = await newKey(['ingest'], other);
    const same = await post('ndjson', canonical(4, 'cross'), { key: otherKey.key });
    // The same event ids are new to the other organization: dedupe never crosses tenants.
    expect(await same.json()).toMatchObject({ inserted: 4, duplicates: 0 });
  });

  it('takes a page of the GitHub audit-log REST API (a JSON array) as format github', async () => {
    const { key } = await newKey();
    const records = fs
      .readFileSync(path.resolve('tests/fixtures/logs/github/api-request-events.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as unknown);
    const page = JSON.stringify(records, null, 2);
    const response = await post('github', page, { key });
    expect(await response.json()).toMatchObject({
      received: 2,
      inserted: 2,
      rejectedCount: 0,
      unresolvedActors: 1,
    });
    const again = await post('github', page, { key });
    expect(await again.json()).toMatchObject({ inserted: 0, duplicates: 2 });
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('serves the OpenAPI document without authentication', async () => {
    const response = openApi();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/ingest/{format}');
  });
});
