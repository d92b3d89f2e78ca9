import v8 from 'node:v8';
import vm from 'node:vm';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, signals } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { personInputSchema, vendorInputSchema } from '@/server/domain/inventory/inputs';
import { openListExport } from '@/server/services/export/export-csv';
import { EXPORT_LISTS, EXPORT_LIST_NAMES } from '@/server/services/export/export-lists';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { UserFacingError } from '@/server/services/shared/errors';
import { asOwner, setupTestDatabase } from '../helpers/db';
import { actorFor, createTestOrg, type TestOrg } from '../helpers/fixtures';

// CSV exports of lists (docs/INTERFACES.md §CSV exports): same roles, filters and rows as the
// list, every page of it, spreadsheet-safe cells, one audit entry per export.

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
let bPersonId: string;
let bVendorId: string;
const OFF_HOURS = 230; // more than two export pages of 100
const MASS = 5;

async function seedSignals(org: TestOrg, personId: string, kind: string, n: number) {
  const at = new Date('2026-10-01T12:00:00Z');
  await withTenant({ orgId: org.id, userId: null }, (tx) =>
    tx.insert(signals).values(
      Array.from({ length: n }, (_, i) => ({
        orgId: org.id,
        kind,
        personId,
        severity: 'medium' as const,
        windowStart: at,
        windowEnd: at,
        dedupeKey: `${kind}-${i}`,
        explanation: i === 0 ? '=HYPERLINK("http://evil.test","click")' : 'Export test.',
        stats: {},
        detectorVersion: 'test',
      })),
    ),
  );
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  // Names, not pseudonyms: these tests read people's names back (pseudonymized exports are below).
  a = await createTestOrg('export-a', { pseudonymize: false });
  b = await createTestOrg('export-b', { pseudonymize: false });
  const aPerson = await createPerson(
    actorFor(a, 'compliance'),
    personInputSchema.parse({ email: 'kim@a.test', fullName: '@Kim Formula', type: 'employee' }),
  );
  const bPerson = await createPerson(
    actorFor(b, 'compliance'),
    personInputSchema.parse({ email: 'bo@b.test', fullName: 'Bo Bravo', type: 'employee' }),
  );
  bPersonId = bPerson.id;
  await createVendor(
    actorFor(a, 'compliance'),
    vendorInputSchema.parse({ name: '+Alpha Ltd', questionnaire: {} }),
  );
  ({ id: bVendorId } = await createVendor(
    actorFor(b, 'compliance'),
    vendorInputSchema.parse({ name: 'Bravo Vendor', questionnaire: {} }),
  ));
  await seedSignals(a, aPerson.id, 'off_hours_access', OFF_HOURS);
  await seedSignals(a, aPerson.id, 'mass_download', MASS);
  await seedSignals(b, bPerson.id, 'off_hours_access', 7);
}, 180_000);

afterAll(async () => {
  await teardown?.();
});

/** The whole body, and the chunks it arrived in. */
async function read(body: ReadableStream<Uint8Array>) {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    chunks.push(decoder.decode(chunk));
  const text = chunks.join('').replace(/^\uFEFF/, '');
  const lines = text.split('\r\n').filter((l) => l !== '');
  return { text, lines, chunks };
}

function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof UserFacingError) return error.code;
    throw error;
  }
}

async function lastExportEntry(org: TestOrg) {
  const [entry] = await withTenant({ orgId: org.id, userId: null }, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'export.csv')))
      .orderBy(desc(auditLog.seq))
      .limit(1),
  );
  return entry;
}

describe('list exports', () => {
  it('refuses the roles the list refuses, unknown lists and invalid filters', () => {
    const q = new URLSearchParams();
    expect(refusal(() => openListExport(actorFor(a, 'manager'), 'signals', q))).toBe('FORBIDDEN');
    expect(refusal(() => openListExport(actorFor(a, 'manager'), 'audit', q))).toBe('FORBIDDEN');
    expect(refusal(() => openListExport(actorFor(a, 'manager'), 'cases', q))).toBe('FORBIDDEN');
    expect(refusal(() => openListExport(actorFor(a, 'admin'), 'secrets', q))).toBe('NOT_FOUND');
    expect(refusal(() => openListExport(actorFor(a, 'admin'), 'constructor', q))).toBe('NOT_FOUND');
    expect(
      refusal(() =>
        openListExport(actorFor(a, 'admin'), 'signals', new URLSearchParams('severity=huge')),
      ),
    ).toBe('BAD_REQUEST');
    expect(refusal(() => openListExport(actorFor(a, 'manager'), 'vendors', q))).toBeNull();
  });

  it('exports every page of the filtered rows, one page per chunk, and audits it', async () => {
    const q = new URLSearchParams('status=all&kind=off_hours_access&cursor=x&limit=1');
    const { body, fileName } = openListExport(actorFor(a, 'auditor'), 'signals', q);
    expect(fileName).toMatch(/^vigil-signals-\d{4}-\d{2}-\d{2}\.csv$/);
    const { lines, chunks } = await read(body);
    expect(lines[0]).toBe(EXPORT_LISTS.signals.header.join(','));
    expect(lines.length - 1).toBe(OFF_HOURS);
    // Header, then pages of 100, 100 and 30: the list's own keyset pages, streamed.
    expect(chunks.length).toBe(4);
    expect(lines.every((l, i) => i === 0 || l.includes(',off_hours_access,'))).toBe(true);
    expect(await lastExportEntry(a)).toMatchObject({
      actorLabel: a.users.auditor.email,
      entityType: 'export',
      after: { list: 'signals', filters: { status: 'all', kind: 'off_hours_access' }, rows: 230 },
    });
  });

  it('follows the organization pseudonyms (docs/PRIVACY.md §Pseudonymized investigation)', async () => {
    const p = await createTestOrg('export-pseudo');
    const person = await createPerson(
      actorFor(p, 'compliance'),
      personInputSchema.parse({
        email: 'pia@pseudo.test',
        fullName: 'Pia Pseudo',
        type: 'employee',
      }),
    );
    await withTenant({ orgId: p.id, userId: null }, async (tx) => {
      const at = new Date('2026-10-01T12:00:00Z');
      await tx.insert(signals).values({
        orgId: p.id,
        kind: 'mass_download',
        personId: person.id,
        severity: 'medium',
        windowStart: at,
        windowEnd: at,
        dedupeKey: 'pseudo-1',
        explanation: 'pia@pseudo.test downloaded 900 records.',
        stats: {},
        detectorVersion: 'test',
      });
    });
    const { lines, text } = await read(
      openListExport(actorFor(p, 'compliance'), 'signals', new URLSearchParams('status=all')).body,
    );
    expect(lines.length - 1).toBe(1);
    expect(text).toMatch(/Person [0-9A-F]{4}-[0-9A-F]{4}/);
    expect(text).not.toMatch(/Pia Pseudo|pia@pseudo\.test/);
  });

  it('honours filters and neutralises formula cells', async () => {
    const q = new URLSearchParams('status=all&kind=mass_download');
    const { lines, text } = await read(openListExport(actorFor(a, 'admin'), 'signals', q).body);
    expect(lines.length - 1).toBe(MASS);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(text).toContain(",'@Kim Formula,");
    expect(text).not.toMatch(/(^|,)[=@+]/m);
    const vendors = await read(
      openListExport(actorFor(a, 'admin'), 'vendors', new URLSearchParams()).body,
    );
    expect(vendors.text).toContain(",'+Alpha Ltd,");
  });

  it("never shows another organization's rows, on any list", async () => {
    // Attestation requests are one campaign's: B's campaigns are out of reach below.
    for (const list of EXPORT_LIST_NAMES.filter((l) => l !== 'attestation-requests')) {
      const { text, lines } = await read(
        openListExport(actorFor(a, 'admin'), list, new URLSearchParams('status=all')).body,
      );
      expect({ list, header: lines[0] }).toEqual({
        list,
        header: EXPORT_LISTS[list].header.join(','),
      });
      for (const secret of [b.id, bPersonId, bVendorId, 'Bo Bravo', 'Bravo Vendor'])
        expect({ list, leaked: text.includes(secret) ? secret : null }).toEqual({
          list,
          leaked: null,
        });
    }
    // A's key aimed at B's person: an empty export, not B's rows.
    const { lines } = await read(
      openListExport(
        actorFor(a, 'admin'),
        'signals',
        new URLSearchParams(`status=all&personId=${bPersonId}`),
      ).body,
    );
    expect(lines.length).toBe(1);
  });

  it('exports the whole-page lists, and needs the campaign for attestation requests', async () => {
    for (const list of ['systems', 'review-campaigns', 'attestation-campaigns'] as const) {
      const { lines } = await read(
        openListExport(actorFor(a, 'auditor'), list, new URLSearchParams()).body,
      );
      expect(lines).toEqual([EXPORT_LISTS[list].header.join(',')]);
    }
    const q = new URLSearchParams();
    expect(refusal(() => openListExport(actorFor(a, 'admin'), 'attestation-requests', q))).toBe(
      'BAD_REQUEST',
    );
    expect(refusal(() => openListExport(actorFor(a, 'manager'), 'attestation-campaigns', q))).toBe(
      'FORBIDDEN',
    );
    // Another organization's campaign id reads as no such campaign, never its requests.
    const other = openListExport(
      actorFor(a, 'admin'),
      'attestation-requests',
      new URLSearchParams(`campaignId=${crypto.randomUUID()}`),
    );
    await expect(read(other.body)).rejects.toThrow('That campaign does not exist.');
  });

  it('records a cancelled export as incomplete, with the rows sent so far', async () => {
    const q = new URLSearchParams('status=all');
    const reader = openListExport(actorFor(a, 'compliance'), 'signals', q).body.getReader();
    await reader.read(); // header
    await reader.read(); // first page
    await reader.cancel();
    expect(await lastExportEntry(a)).toMatchObject({
      actorLabel: a.users.compliance.email,
      after: { list: 'signals', rows: 100, completed: false },
    });
  });

  it('exports the audit log, itself filterable, including the export entries', async () => {
    const q = new URLSearchParams('action=export.csv');
    const { lines } = await read(openListExport(actorFor(a, 'auditor'), 'audit', q).body);
    expect(lines.length - 1).toBeGreaterThanOrEqual(3);
    expect(lines.slice(1).every((l) => l.includes(',export.csv,export,'))).toBe(true);
  });

  it('streams a long audit log page by page, with flat memory', async () => {
    const big = await createTestOrg('export-big');
    const ENTRIES = 30_000;
    // Each entry carries ~1 KB, so buffering the export would hold ~35 MB at once.
    await asOwner((tx) =>
      tx.execute(sql`insert into audit_log (org_id, seq, id, occurred_at, actor_type, actor_label,
          action, entity_type, after, prev_hash, hash)
        select ${big.id}::uuid, 1000 + n, gen_random_uuid(), now(), 'system', 'bulk', 'bulk.entry',
          'test', jsonb_build_object('pad', repeat('x', 1000), 'n', n), 'p', 'h'
        from generate_series(1, ${ENTRIES}) as n`),
    );
    const reader = openListExport(
      actorFor(big, 'auditor'),
      'audit',
      new URLSearchParams('action=bulk.'),
    ).body.getReader();
    // Memory still held after a full collection: what the export keeps, not garbage awaiting GC.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const retained = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const start = retained();
    let peak = 0;
    let bytes = 0;
    let chunks = 0;
    let rows = -1; // the header
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      bytes += value.byteLength;
      rows += new TextDecoder().decode(value).split('\r\n').length - 1;
      if (chunks % 10 === 0) peak = Math.max(peak, retained() - start);
    }
    console.info(
      `audit export: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${chunks} chunks, ` +
        `peak retained heap growth ${(peak / 1e6).toFixed(1)} MB`,
    );
    expect(rows).toBe(ENTRIES);
    expect(chunks).toBe(1 + ENTRIES / 200);
    // Held at once, the rows as JavaScript strings alone would take about twice the CSV's bytes.
    expect(peak).toBeLessThan(bytes / 4);
    expect(await lastExportEntry(big)).toMatchObject({
      after: { list: 'audit', rows: ENTRIES, completed: true },
    });
  }, 180_000);
});
