import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siemDestinations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { OUTBOUND_EVENT_TYPES } from '@/server/domain/outbound/events';
import { FAILURES_BEFORE_ATTENTION } from '@/server/domain/siem/backoff';
import { createSiemDestinationSchema } from '@/server/domain/siem/inputs';
import { resetEnvForTests } from '@/server/env';
import { JOB_HANDLERS, SCHEDULE } from '@/server/jobs/handlers';
import { appendAudit } from '@/server/services/audit/log';
import { OUTBOUND_CONSUMERS } from '@/server/services/outbound/consumers';
import { dispatchOutbound } from '@/server/services/outbound/dispatch';
import { readOutboundEvents, recordOutboundEvent } from '@/server/services/outbound/events';
import {
  createSiemDestination,
  pauseSiemDestination,
  resumeSiemDestination,
  testSiemDestination,
} from '@/server/services/siem/destination-commands';
import { listSiemDestinations } from '@/server/services/siem/destination-queries';
import { runSiemStreamJob } from '@/server/services/siem/jobs';
import { streamSiemOrg } from '@/server/services/siem/stream';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import {
  closedPort,
  selfSignedCertificate,
  startHecReceiver,
  startSyslogReceiver,
  type SyslogReceiver,
} from '../helpers/siem-receivers';

let teardown: () => Promise<void>;
const closers: (() => Promise<void>)[] = [];
let orgCount = 0;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  process.env.VIGIL_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');
  // The receivers listen on 127.0.0.1; the SSRF policy's own tests turn this off.
  process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE = '1';
  resetEnvForTests();
});
afterAll(async () => {
  for (const close of closers) await close();
  await teardown();
});

const newOrg = () => createTestOrg(`siem${++orgCount}`);
const admin = (o: TestOrg) => actorFor(o, 'admin');

async function syslogReceiver(tlsOptions?: { key: string; cert: string }) {
  const r = await startSyslogReceiver(tlsOptions);
  closers.push(r.close);
  return r;
}

/** `count` signal events, as detection records them. */
async function signalEvents(o: TestOrg, count: number, severity: 'high' | 'critical' = 'high') {
  await withTenant({ orgId: o.id, userId: null }, async (tx) => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      await recordOutboundEvent(
        tx,
        o.id,
        'signal.created',
        { type: 'signal', id },
        {
          signal: {
            id,
            kind: 'bulk_export',
            severity,
            status: 'open',
            explanation: `Exported rows | run ${i} = "big"\\]`,
            windowStart: '2026-12-01T10:00:00.000Z',
            windowEnd: '2026-12-01T11:00:00.000Z',
            url: `https://vigil.test/signals/${id}`,
          },
          person: { id: randomUUID(), name: 'Ada Lovelace', email: 'ada@example.com' },
        },
      );
    }
  });
}

async function auditEntries(o: TestOrg, count: number) {
  await withTenant({ orgId: o.id, userId: null }, async (tx) => {
    for (let i = 0; i < count; i++)
      await appendAudit(tx, {
        orgId: o.id,
        actor: { type: 'system', id: null, label: 'test' },
        action: 'vendor.updated',
        entityType: 'vendor',
        entityId: `v${i}`,
        after: { note: `change ${i}` },
        requestId: null,
        ip: null,
      });
  });
}

async function destination(o: TestOrg, id: string) {
  const [row] = await withTenant({ orgId: o.id, userId: null }, (tx) =>
    tx
      .select()
      .from(siemDestinations)
      .where(and(eq(siemDestinations.orgId, o.id), eq(siemDestinations.id, id))),
  );
  return row!;
}

async function syslogDestination(
  o: TestOrg,
  port: number,
  over: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
) {
  return createSiemDestination(
    admin(o),
    createSiemDestinationSchema.parse({
      kind: 'syslog',
      name: `syslog ${port}`,
      sources: ['signals', 'audit'],
      syslog: { host: '127.0.0.1', port, ...over },
      ...top,
    }),
  );
}

const RFC5424 =
  /^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (\S+) (\S{1,48}) - (\S{1,32}) \[vigil@32473 org="([^"]*)" stream="(signals|audit)" seq="(\d+)" id="([0-9a-f-]{36})"\] (.+)$/s;

interface Parsed {
  pri: number;
  msgid: string;
  stream: string;
  seq: number;
  id: string;
  msg: string;
}
function parse(message: string): Parsed {
  const m = RFC5424.exec(message);
  if (!m) throw new Error(`not RFC 5424: ${message.slice(0, 120)}`);
  return {
    pri: Number(m[1]),
    msgid: m[5]!,
    stream: m[7]!,
    seq: Number(m[8]),
    id: m[9]!,
    msg: m[10]!,
  };
}

/** Strictly increasing and contiguous from `from + 1`. */
function expectInOrder(seqs: number[], from: number) {
  expect(seqs).toEqual(seqs.map((_, i) => from + 1 + i));
}

describe('bad input', () => {
  it('refuses bad hosts, ports, URLs and a missing token with field errors, storing nothing', async () => {
    const o = await newOrg();
    const caller = await callerFor(o, 'admin');
    const base = { kind: 'syslog', name: 'bad', sources: ['audit'] };
    const attempts = [
      { ...base, syslog: { host: 'not a host!', port: 514 } },
      { ...base, syslog: { host: '127.0.0.1', port: 0 } },
      { ...base, syslog: { host: '127.0.0.1', port: 514, transport: 'tls', caPem: 'nope' } },
      { ...base, sources: [], syslog: { host: '127.0.0.1', port: 514 } },
      { kind: 'splunk_hec', name: 'bad', sources: ['audit'], hec: { url: 'https://h:8088' } },
      {
        kind: 'splunk_hec',
        name: 'bad',
        sources: ['audit'],
        token: 'abcdefgh1234',
        hec: { url: 'ftp://h' },
      },
    ];
    for (const input of attempts)
      await expect(caller.siem.create(input as never)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    expect(await listSiemDestinations(admin(o))).toEqual([]);
  });
});

describe('the SSRF policy (docs/INTEGRATIONS.md §SIEM streaming)', () => {
  const withPrivate = (on: boolean) => {
    process.env.VIGIL_WEBHOOK_ALLOW_PRIVATE = on ? '1' : '0';
    resetEnvForTests();
  };

  it('refuses loopback, private and metadata hosts at once, storing nothing', async () => {
    const o = await newOrg();
    withPrivate(false);
    try {
      const base = { name: 'internal', sources: ['audit'] };
      const attempts = [
        { ...base, kind: 'syslog', syslog: { host: '127.0.0.1', port: 514 } },
        { ...base, kind: 'syslog', syslog: { host: '10.0.0.7', port: 6514 } },
        { ...base, kind: 'syslog', syslog: { host: 'localhost', port: 514 } },
        {
          ...base,
          kind: 'splunk_hec',
          token: 'abcdefgh1234',
          hec: { url: 'https://169.254.169.254:8088' },
        },
      ];
      for (const input of attempts)
        await expect(
          createSiemDestination(admin(o), createSiemDestinationSchema.parse(input)),
        ).rejects.toThrow(
          /Vigil does not send SIEM records to a (loopback|private|cloud metadata)/,
        );
      expect(await listSiemDestinations(admin(o))).toEqual([]);
    } finally {
      withPrivate(true);
    }
  });

  it('checks again before each delivery: a stored internal host gets nothing', async () => {
    const o = await newOrg();
    const r = await syslogReceiver();
    const { id } = await syslogDestination(o, r.port);
    withPrivate(false);
    try {
      const result = await testSiemDestination(admin(o), { id });
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/does not send SIEM records to a loopback address/);
      expect(r.messages).toEqual([]);
    } finally {
      withPrivate(true);
    }
  });
});

describe('syslog over TCP', () => {
  let o: TestOrg;
  let r: SyslogReceiver;
  let id: string;
  let start: { signals: number; audit: number };

  beforeAll(async () => {
    o = await newOrg();
    r = await syslogReceiver();
    await signalEvents(o, 2); // before the destination: not sent
    id = (await syslogDestination(o, r.port)).id;
    const row = await destination(o, id);
    start = { signals: row.outboundSeq, audit: row.auditSeq };
  });

  it('sends signal events and audit entries in order as RFC 5424 JSON, octet-counted', async () => {
    await signalEvents(o, 3);
    // Not in the default filter: skipped, but the checkpoint passes it.
    await withTenant({ orgId: o.id, userId: null }, (tx) =>
      recordOutboundEvent(
        tx,
        o.id,
        'connector.failed',
        { type: 'x', id: 'x' },
        {
          connector: { id: 'x', kind: 'x', name: 'x' },
          error: 'x',
          url: 'https://vigil.test',
        },
      ),
    );
    await signalEvents(o, 1, 'critical');
    await auditEntries(o, 4);
    const result = await runSiemStreamJob(o.id);
    expect(result).toMatchObject({ destinations: 1, failed: 0 });
    const parsed = r.messages.map(parse);
    const signals = parsed.filter((p) => p.stream === 'signals');
    const audit = parsed.filter((p) => p.stream === 'audit');
    expect(signals.map((s) => s.seq)).toEqual([3, 4, 5, 7].map((n) => start.signals - 2 + n));
    // The destination's own creation entry is the first it sends.
    expectInOrder(
      audit.map((a) => a.seq),
      start.audit,
    );
    expect(audit).toHaveLength(5);
    for (const s of signals) {
      expect(s.pri).toBe(s === signals[3] ? 16 * 8 + 2 : 16 * 8 + 3);
      expect(s.msgid).toBe('signal.created');
      const body = JSON.parse(s.msg) as Record<string, unknown>;
      expect(body).toMatchObject({ id: s.id, type: 'signal.created', sequence: s.seq, version: 1 });
      expect(body.organization).toEqual({ id: o.id, slug: o.slug });
    }
    for (const a of audit) {
      expect(a.pri).toBe(16 * 8 + 6);
      expect(a.msgid).toBe('audit');
      expect(JSON.parse(a.msg)).toMatchObject({ id: a.id, type: 'audit.entry', sequence: a.seq });
    }
    const [listed] = await listSiemDestinations(admin(o));
    expect(listed).toMatchObject({ status: 'active', failures: 0, lag: { signals: 0, audit: 0 } });
    expect(listed!.lastSuccessAt).not.toBeNull();
  });

  it('sends nothing new when caught up, and nothing while paused', async () => {
    const before = r.messages.length;
    await runSiemStreamJob(o.id);
    expect(r.messages.length).toBe(before);
    await pauseSiemDestination(admin(o), { id });
    await signalEvents(o, 2);
    expect(await runSiemStreamJob(o.id)).toMatchObject({ destinations: 0, sent: 0 });
    expect(r.messages.length).toBe(before);
    const [paused] = await listSiemDestinations(admin(o));
    expect(paused!.lag.signals).toBe(2);
    await resumeSiemDestination(admin(o), { id });
    await runSiemStreamJob(o.id);
    const after = r.messages.slice(before).map(parse);
    // Pause and resume are audited, and stream like any other audit entry.
    expect(after.filter((p) => p.stream === 'signals')).toHaveLength(2);
    expect(after.filter((p) => p.stream === 'audit').map((p) => p.msg)).toEqual([
      expect.stringContaining('siem_destination.paused'),
      expect.stringContaining('siem_destination.resumed'),
    ]);
  });

  it('continues from the checkpoint after a restart, repeating nothing', async () => {
    const before = r.messages.length;
    const row = await destination(o, id);
    await signalEvents(o, 5);
    await auditEntries(o, 5);
    // A clock that moves 10 s per reading: the first run runs out of time after one round.
    let t = Date.now();
    const clock = () => new Date((t += 10_000));
    const first = await streamSiemOrg(o.id, { batchSize: 2, budgetMs: 15_000, now: clock });
    expect(first).toMatchObject([{ id, more: true, retryAt: null }]);
    const partial = r.messages.length - before;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(10);
    // A new run, as after a restart, reads the saved checkpoints.
    const second = await streamSiemOrg(o.id, { batchSize: 2 });
    expect(second).toMatchObject([{ id, more: false }]);
    const got = r.messages.slice(before).map(parse);
    expect(new Set(got.map((g) => g.id)).size).toBe(got.length);
    expectInOrder(
      got.filter((g) => g.stream === 'signals').map((g) => g.seq),
      row.outboundSeq,
    );
    expectInOrder(
      got.filter((g) => g.stream === 'audit').map((g) => g.seq),
      row.auditSeq,
    );
    expect(got).toHaveLength(10);
  });

  it('two workers at once send each record once (the lease)', async () => {
    const before = r.messages.length;
    await signalEvents(o, 4);
    await auditEntries(o, 3);
    const runs = await Promise.all([
      streamSiemOrg(o.id, { batchSize: 2 }),
      streamSiemOrg(o.id, { batchSize: 2 }),
    ]);
    expect(runs.flat().length).toBeGreaterThanOrEqual(1);
    await streamSiemOrg(o.id);
    const got = r.messages.slice(before).map(parse);
    expect(got).toHaveLength(7);
    expect(new Set(got.map((g) => g.id)).size).toBe(7);
  });

  it('test connection sends one test record and moves no checkpoint', async () => {
    const before = await destination(o, id);
    const count = r.messages.length;
    expect(await testSiemDestination(admin(o), { id })).toEqual({
      ok: true,
      message: 'Sent 1 test record.',
    });
    expect(r.messages.length).toBe(count + 1);
    expect(r.messages.at(-1)).toMatch(/^<134>1 \S+ \S+ vigil - siem\.test \[vigil@32473 /);
    const after = await destination(o, id);
    expect([after.outboundSeq, after.auditSeq]).toEqual([before.outboundSeq, before.auditSeq]);
  });
});

describe('syslog over TLS with CEF', () => {
  it('trusts the receiver through the destination CA and sends CEF lines', async () => {
    const o = await newOrg();
    const cert = selfSignedCertificate();
    const r = await syslogReceiver(cert);
    const { id } = await syslogDestination(o, r.port, {
      transport: 'tls',
      caPem: cert.cert,
      format: 'cef',
      facility: 'auth',
      appName: 'vigil-prod',
    });
    await signalEvents(o, 2);
    await runSiemStreamJob(o.id);
    const parsed = r.messages.map(parse);
    expect(parsed.map((p) => p.stream).sort()).toEqual(['audit', 'signals', 'signals']);
    const signal = parsed.find((p) => p.stream === 'signals')!;
    expect(signal.pri).toBe(4 * 8 + 3);
    expect(signal.msg).toMatch(
      /^CEF:0\|Vigil\|Vigil\|1\|signal\.created\|signal\.created bulk_export\|8\|rt=\d+ externalId=[0-9a-f-]{36} act=signal\.created duser=ada@example\.com msg=Exported rows \| run 0 \\= "big"\\\\\] request=https:\/\/vigil\.test\/signals\/\S+ cs1Label=organization cs1=siem\d+ cs2Label=stream cs2=signals cn1Label=sequence cn1=\d+$/,
    );
    expect(parsed.find((p) => p.stream === 'audit')!.msg).toMatch(
      /^CEF:0\|Vigil\|Vigil\|1\|siem_destination\.created\|/,
    );
    expect((await destination(o, id)).failures).toBe(0);
  });

  it('refuses a receiver it cannot verify: the try fails and backs off', async () => {
    const o = await newOrg();
    const r = await syslogReceiver(selfSignedCertificate());
    const { id } = await syslogDestination(o, r.port, { transport: 'tls' });
    const [run] = await streamSiemOrg(o.id);
    expect(run!.error).toMatch(/certificate|SELF_SIGNED/i);
    const row = await destination(o, id);
    expect(row.failures).toBe(1);
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(r.messages).toEqual([]);
  });
});

describe('Splunk HEC', () => {
  it('backs off on 503 (busy), then delivers everything once, in order', async () => {
    const o = await newOrg();
    const token = 'f3a1c9e2-7b4d-4e0a-9c1b-2d3e4f5a6b7c';
    const hec = await startHecReceiver(token);
    closers.push(hec.close);
    const created = await createSiemDestination(
      admin(o),
      createSiemDestinationSchema.parse({
        kind: 'splunk_hec',
        name: 'Splunk',
        sources: ['signals', 'audit'],
        token,
        hec: { url: hec.url, index: 'security', sourcetype: 'vigil:json' },
      }),
    );
    expect(created.tokenHint).toBe('••••6b7c');
    const row = await destination(o, created.id);
    expect(row.tokenSealed).not.toContain(token);
    await signalEvents(o, 3);
    await auditEntries(o, 2);
    hec.script.push(503);
    const first = await runSiemStreamJob(o.id, { batchSize: 500 });
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    const failed = await destination(o, created.id);
    expect(failed).toMatchObject({
      failures: 1,
      outboundSeq: row.outboundSeq,
      auditSeq: row.auditSeq,
    });
    expect(failed.lastError).toMatch(/503.*code 9.*busy/);
    // Its own wake-up at the next try.
    const wake = await rawRows<{ run_at: Date }>(
      sql`select run_at from jobs where kind = 'siem.stream_org' and dedupe_key like ${`%${o.id}:retry:%`}`,
    );
    expect(new Date(wake[0]!.run_at).getTime()).toBe(failed.nextAttemptAt!.getTime());
    // Not due yet: nothing is tried.
    expect(await streamSiemOrg(o.id)).toEqual([]);
    const later = () => new Date(failed.nextAttemptAt!.getTime() + 1000);
    const [second] = await streamSiemOrg(o.id, { now: later });
    expect(second).toMatchObject({ sent: 6, retryAt: null });
    expect(hec.requests.map((q) => q.status)).toEqual([503, 200, 200]);
    const events = hec.events as {
      time: number;
      host: string;
      source: string;
      sourcetype: string;
      index: string;
      event: { id: string; type: string; sequence: number };
    }[];
    expect(events).toHaveLength(6);
    expect(new Set(events.map((e) => e.event.id)).size).toBe(6);
    for (const e of events)
      expect(e).toMatchObject({ source: 'vigil', sourcetype: 'vigil:json', index: 'security' });
    expectInOrder(
      events.filter((e) => e.event.type === 'signal.created').map((e) => e.event.sequence),
      row.outboundSeq,
    );
    expectInOrder(
      events.filter((e) => e.event.type === 'audit.entry').map((e) => e.event.sequence),
      row.auditSeq,
    );
    const [listed] = await listSiemDestinations(admin(o));
    expect(JSON.stringify(listed)).not.toContain(token);
    const audit = await rawRows(sql`select * from audit_log where org_id = ${o.id}`);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(listed).toMatchObject({
      failures: 0,
      lastError: failed.lastError,
      lag: { signals: 0, audit: 0 },
    });
  });
});

describe('a destination that keeps failing', () => {
  it('turns needs_attention once, records one connector.failed, and recovers by itself', async () => {
    const o = await newOrg();
    const port = await closedPort();
    const { id } = await syslogDestination(o, port, {}, { sources: ['audit'] });
    let at = Date.now();
    for (let i = 0; i < FAILURES_BEFORE_ATTENTION + 2; i++) {
      at += 4 * 3_600_000;
      const [run] = await streamSiemOrg(o.id, { now: () => new Date(at) });
      expect(run!.error).toMatch(/ECONNREFUSED/);
    }
    const row = await destination(o, id);
    expect(row).toMatchObject({
      status: 'needs_attention',
      failures: FAILURES_BEFORE_ATTENTION + 2,
    });
    const events = await withTenant({ orgId: o.id, userId: null }, (tx) =>
      readOutboundEvents(tx, o.id, 0, 100),
    );
    const failures = events.filter((e) => e.type === 'connector.failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.data).toMatchObject({
      connector: { id, kind: 'siem.syslog' },
      url: expect.stringContaining('/settings/siem'),
    });
    // Admins are told by mail once (docs/NOTIFICATIONS.md), not once per retry.
    const notices = await rawRows<{ to: string; subject: string }>(
      sql`select to_address as "to", subject from outbox_messages where org_id = ${o.id} and related_type = 'delivery_failure'`,
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to).toBe(o.users.admin.email);
    // The receiver comes back on the same port: the next due try delivers and clears the state.
    const r = await startSyslogReceiver();
    closers.push(r.close);
    await withTenant({ orgId: o.id, userId: null }, (tx) =>
      tx
        .update(siemDestinations)
        .set({
          config: {
            kind: 'syslog',
            syslog: { ...(row.config as { syslog: object }).syslog, port: r.port },
          },
        })
        .where(eq(siemDestinations.id, id)),
    );
    await streamSiemOrg(o.id, { now: () => new Date(at + 4 * 3_600_000) });
    expect(await destination(o, id)).toMatchObject({ status: 'active', failures: 0 });
    expect(r.messages.length).toBeGreaterThan(0);
  });
});

describe('wake-ups', () => {
  it('the outbound consumer and the minute sweep ask for a stream run of live destinations only', async () => {
    expect(OUTBOUND_CONSUMERS.map((c) => c.name)).toContain('siem');
    expect(SCHEDULE).toContainEqual({ kind: 'siem.sweep', everyMs: 60_000 });
    expect(OUTBOUND_EVENT_TYPES).toContain('connector.failed');
    const live = await newOrg();
    const none = await newOrg();
    await syslogDestination(live, await closedPort(), {}, { sources: ['audit'] });
    await rawRows(sql`delete from jobs where kind = 'siem.stream_org'`);
    await dispatchOutbound(live.id);
    await dispatchOutbound(none.id);
    await JOB_HANDLERS['siem.sweep']!({});
    const jobs = await rawRows<{ payload: { orgId: string } }>(
      sql`select payload from jobs where kind = 'siem.stream_org'`,
    );
    const orgs = jobs.map((j) => j.payload.orgId);
    expect(orgs).toContain(live.id);
    expect(orgs).not.toContain(none.id);
  });
});
