import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signals, watchlistEntries } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { chainPartRows } from '@/server/domain/signals/describe-chain';
import { createPerson } from '@/server/services/inventory/people-commands';
import { getSignal } from '@/server/services/signals/queries';
import { setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// Names in signal and risk reads; pseudonyms are tests/integration/pseudonyms.test.ts.
const NAMES = { pseudonymize: false };

// docs/PRODUCT.md §The signal page: a chain's parts, the chains a signal is part of and a reused
// identifier's holders are resolved inside the organization only.

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
const at = (hhmm: string) => new Date(`2026-10-01T${hhmm}:00Z`);

interface Row {
  kind: string;
  personId: string;
  dedupeKey: string;
  start: Date;
  end?: Date;
  stats?: Record<string, unknown>;
}

async function insertSignal(org: TestOrg, r: Row): Promise<string> {
  return withTenant({ orgId: org.id, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(signals)
      .values({
        orgId: org.id,
        kind: r.kind,
        personId: r.personId,
        severity: 'high',
        windowStart: r.start,
        windowEnd: r.end ?? r.start,
        dedupeKey: r.dedupeKey,
        explanation: `${r.kind} for the test.`,
        stats: r.stats ?? {},
        detectorVersion: 'test',
      })
      .returning({ id: signals.id });
    return row!.id;
  });
}

async function person(org: TestOrg, email: string, fullName: string, type = 'employee') {
  const { id } = await createPerson(
    actorFor(org, 'compliance'),
    personInputSchema.parse({ email, fullName, type }),
  );
  return id;
}

async function entry(org: TestOrg, name: string) {
  return withTenant({ orgId: org.id, userId: null }, async (tx) => {
    const [row] = await tx
      .insert(watchlistEntries)
      .values({ orgId: org.id, source: 'Internal', name })
      .returning({ id: watchlistEntries.id });
    return row!.id;
  });
}

const part = (kind: string, dedupeKey: string, start: Date, signalId?: string) => ({
  ...(signalId ? { signalId } : {}),
  kind,
  severity: 'high',
  dedupeKey,
  windowStart: start.toISOString(),
});

let jordan: string;
let sam: string;
let other: string;
let remoteA: string;
let exportA: string;
let chainA: string;
let chainB: string;
let remoteB: string;

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('rel-a', NAMES);
  b = await createTestOrg('rel-b', NAMES);
  jordan = await person(a, 'jordan@rel.test', 'Jordan Lee');
  sam = await person(a, 'sam@rel.test', 'Sam Taylor', 'candidate');
  other = await person(b, 'jordan@rel.test', 'Jordan Elsewhere');
  // The same dedupe keys in both organizations: only the page's own organization's may link.
  remoteA = await insertSignal(a, {
    kind: 'remote_access_tool',
    personId: jordan,
    dedupeKey: 'remote_access_tool:k1',
    start: at('02:10'),
    stats: { tool: 'AnyDesk' },
  });
  exportA = await insertSignal(a, {
    kind: 'bulk_record_access',
    personId: jordan,
    dedupeKey: 'bulk_record_access:k2',
    start: at('02:40'),
    stats: { records: 3120 },
  });
  remoteB = await insertSignal(b, {
    kind: 'remote_access_tool',
    personId: other,
    dedupeKey: 'remote_access_tool:k1',
    start: at('02:10'),
  });
  await insertSignal(b, {
    kind: 'new_country',
    personId: other,
    dedupeKey: 'new_country:k3',
    start: at('02:20'),
  });
  chainA = await insertSignal(a, {
    kind: 'incident_chain',
    personId: jordan,
    dedupeKey: 'incident_chain:a',
    start: at('02:10'),
    end: at('02:40'),
    stats: {
      story: 'remote_exfiltration',
      roles: 'remote,foreign,exfil',
      parts: [
        // Stored out of time order, one by key only, one naming a key only org B has.
        part('bulk_record_access', 'bulk_record_access:k2', at('02:40'), exportA),
        part('new_country', 'new_country:k3', at('02:20')),
        part('remote_access_tool', 'remote_access_tool:k1', at('02:10')),
      ],
    },
  });
  // Org B's chain names org A's signal id: it must resolve to nothing, and not show on A's page.
  chainB = await insertSignal(b, {
    kind: 'incident_chain',
    personId: other,
    dedupeKey: 'incident_chain:b',
    start: at('02:10'),
    end: at('02:40'),
    stats: {
      story: 'remote_exfiltration',
      roles: 'remote,exfil',
      parts: [
        part('remote_access_tool', 'remote_access_tool:elsewhere', at('02:10'), remoteA),
        part('bulk_record_access', 'bulk_record_access:k2', at('02:40')),
      ],
    },
  });
});
afterAll(() => teardown());

describe('signal relations', () => {
  it('links a chain’s parts in time order, by id or dedupe key, only in its organization', async () => {
    const s = await getSignal(actorFor(a, 'compliance'), { signalId: chainA });
    const rows = chainPartRows(s.stats as Record<string, unknown>, s.related.parts);
    expect(rows.map((r) => [r.kind, r.signalId, r.role])).toEqual([
      ['remote_access_tool', remoteA, 'remote control'],
      // Org B holds new_country:k3; org A does not, so the part is shown without a link.
      ['new_country', null, 'foreign or hidden location'],
      ['bulk_record_access', exportA, 'data out'],
    ]);
    expect(rows[0]!.what).toBe('AnyDesk session');
    expect(s.related.parts.map((p) => p.id).sort()).toEqual([remoteA, exportA].sort());
  });

  it('another organization’s chain naming this organization’s ids links nothing', async () => {
    const s = await getSignal(actorFor(b, 'compliance'), { signalId: chainB });
    expect(s.related.parts).toEqual([]);
    const rows = chainPartRows(s.stats as Record<string, unknown>, s.related.parts);
    expect(rows.map((r) => r.signalId)).toEqual([null, null]);
  });

  it('a part’s page names the chains it is part of, never another organization’s', async () => {
    const own = await getSignal(actorFor(a, 'compliance'), { signalId: remoteA });
    expect(own.related.chains.map((c) => [c.id, c.story])).toEqual([
      [chainA, 'remote_exfiltration'],
    ]);
    const exported = await getSignal(actorFor(a, 'auditor'), { signalId: exportA });
    expect(exported.related.chains.map((c) => c.id)).toEqual([chainA]);
    // Org B's signal with the same key as org A's part: B's chain does not name it.
    const theirs = await getSignal(actorFor(b, 'compliance'), { signalId: remoteB });
    expect(theirs.related.chains).toEqual([]);
  });

  it('resolves the other holders and watchlist entries by name, in this organization only', async () => {
    const listed = await entry(a, 'Known Impostor');
    const elsewhere = await entry(b, 'Their Entry');
    const reuse = await insertSignal(a, {
      kind: 'identity_reuse',
      personId: jordan,
      dedupeKey: 'identity_reuse:j:phone',
      start: at('09:00'),
      stats: {
        identifierKind: 'phone',
        value: '+16465550187',
        holders: 3,
        sharedWith: [
          { personId: sam, type: 'candidate' },
          { personId: other, type: 'employee' },
        ],
        watchlistEntryIds: [listed, elsewhere],
      },
    });
    const s = await getSignal(actorFor(a, 'compliance'), { signalId: reuse });
    expect(s.related.holders).toEqual([
      { what: 'person', id: sam, name: 'Sam Taylor', type: 'candidate' },
      { what: 'entry', id: listed, name: 'Known Impostor', type: 'Internal' },
    ]);
    expect(s.related.chains).toEqual([]);
    expect(s.related.parts).toEqual([]);
  });
});
