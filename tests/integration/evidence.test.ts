import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseSchema } from '@/server/domain/cases/inputs';
import { evidenceRequestSchema } from '@/server/domain/evidence/inputs';
import { parseManifest } from '@/server/domain/evidence/manifest';
import {
  personInputSchema,
  systemInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { triageSignalSchema } from '@/server/domain/signals/inputs';
import { runDueJobs } from '@/server/jobs/worker';
import { closeCase, openCase } from '@/server/services/cases/case-commands';
import { openEvidenceDownload } from '@/server/services/evidence/package-download';
import { exportEvidencePackageAsOperator } from '@/server/services/evidence/package-generation';
import { verifyEvidencePackage } from '@/server/services/evidence/package-reader';
import { createPerson } from '@/server/services/inventory/people-commands';
import { createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { triageSignal } from '@/server/services/signals/triage';
import { uploadReviewAttachment } from '@/server/services/vendor-reviews/attachments';
import { addReviewFinding } from '@/server/services/vendor-reviews/findings';
import { startVendorReview } from '@/server/services/vendor-reviews/review-commands';
import { rawRows, setupTestDatabase } from '../helpers/db';
import { actorFor, callerFor, createTestOrg, type TestOrg } from '../helpers/fixtures';
import { parseCsv, readZip, writeZip } from '../helpers/zip';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-evidence-'));
process.env.VIGIL_EVIDENCE_PACKAGES_DIR = dir;

let teardown: () => Promise<void>;
let a: TestOrg;
let b: TestOrg;
let packageId: string;
let zipPath: string;
const year = new Date().getUTCFullYear();
const period = { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` };
const ALL = [
  'inventory',
  'access',
  'access_reviews',
  'vendor_reviews',
  'attestations',
  'signals_cases',
  'audit',
] as const;

const FORMULA_EXPLANATION = '=HYPERLINK("http://x","y")';
const FORMULA_REASON = "+cmd|' /C calc'!A0";

async function seedOrg(org: TestOrg, label: string) {
  const admin = actorFor(org, 'admin');
  const vendor = await createVendor(
    admin,
    vendorInputSchema.parse({
      name: `${label} Vendor`,
      questionnaire: { productionAccess: true },
      country: 'PH',
      certifications: [{ name: 'ISO 27001', expiresOn: `${year + 1}-06-30` }],
      subProcessors: [{ name: `${label} Sub`, country: 'SG' }],
    }),
  );
  const person = await createPerson(
    admin,
    personInputSchema.parse({
      email: `${label.toLowerCase()}.person@${org.slug}.test`,
      fullName: `${label} Person`,
      type: 'vendor_staff',
      vendorId: vendor.id,
    }),
  );
  const system = await createSystem(
    admin,
    systemInputSchema.parse({
      name: `${label} Billing`,
      privileges: [
        { name: 'read', sensitivity: 'low' },
        { name: 'admin', sensitivity: 'critical' },
      ],
    }),
  );
  const privs = (await getSystem(admin, { systemId: system.id })).privileges;
  for (const [i, p] of privs.entries())
    await rawRows(sql`
      insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification, starts_at, ended_at, end_reason)
      values (${org.id}, ${person.id}, ${system.id}, ${p.id}, ${i === 0 ? 'active' : 'revoked'}, 'import',
        ${`${label}, "quoted", justification`}, now(), ${i === 0 ? null : sql`now()`}, ${i === 0 ? null : 'left the project'})`);
  const [sig] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, vendor_id, severity, window_start, window_end, dedupe_key, explanation, detector_version)
    values (${org.id}, 'off_hours', ${person.id}, ${vendor.id}, 'high', now(), now(), ${`t:${label}`}, ${`${label} signal`}, 'test')
    returning id`);
  // Detectors quote log text into explanations; here the log text is a spreadsheet formula, and a
  // reason someone typed starts like a DDE payload (docs/SECURITY.md §F3).
  await rawRows(sql`
    insert into signals (org_id, kind, person_id, vendor_id, severity, window_start, window_end, dedupe_key, explanation, detector_version, status, status_reason)
    values (${org.id}, 'off_hours', ${person.id}, ${vendor.id}, 'low', now(), now(), ${`t3:${label}`},
      ${FORMULA_EXPLANATION}, 'test', 'dismissed', ${FORMULA_REASON})`);
  const compliance = actorFor(org, 'compliance');
  // A second signal dismissed, reopened and acknowledged: its row keeps only the last outcome.
  const [triaged] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, vendor_id, severity, window_start, window_end, dedupe_key, explanation, detector_version)
    values (${org.id}, 'new_country', ${person.id}, ${vendor.id}, 'medium', now(), now(), ${`t2:${label}`}, ${`${label} second signal`}, 'test')
    returning id`);
  await triageSignal(
    compliance,
    triageSignalSchema.parse({
      signalId: triaged!.id,
      action: 'dismiss',
      reason: `${label}: travel was approved`,
    }),
  );
  await triageSignal(
    compliance,
    triageSignalSchema.parse({ signalId: triaged!.id, action: 'reopen' }),
  );
  await triageSignal(
    compliance,
    triageSignalSchema.parse({ signalId: triaged!.id, action: 'acknowledge' }),
  );
  const review = await startVendorReview(compliance, { vendorId: vendor.id, kind: 'periodic' });
  await addReviewFinding(compliance, {
    reviewId: review.id,
    title: `${label} finding`,
    severity: 'high',
    remediation: 'Rotate the shared credentials.',
    ownerUserId: compliance.userId,
    dueOn: `${year + 1}-01-31`,
  });
  await uploadReviewAttachment(
    compliance,
    { reviewId: review.id, fileName: `${label.toLowerCase()}-policy.txt` },
    (async function* () {
      yield new TextEncoder().encode(`${label} policy\n`);
    })(),
  );
  const c = await openCase(
    compliance,
    openCaseSchema.parse({
      title: `${label} investigation`,
      severity: 'high',
      signalIds: [sig!.id],
      personIds: [],
      vendorIds: [],
    }),
  );
  await closeCase(compliance, {
    caseId: c.id,
    outcome: 'substantiated',
    rationale: 'Confirmed with the vendor manager.',
  });
}

beforeAll(async () => {
  ({ teardown } = await setupTestDatabase());
  a = await createTestOrg('evidalpha');
  b = await createTestOrg('evidbravo');
  await seedOrg(a, 'Alpha');
  await seedOrg(b, 'Bravo');
  const auditor = await callerFor(a, 'auditor');
  const pkg = await auditor.evidence.generate({ ...period, scope: [...ALL] });
  packageId = pkg.id;
  expect(pkg.status).toBe('queued');
  await runDueJobs({ maxJobs: 50 });
  const download = await openEvidenceDownload(actorFor(a, 'auditor'), { id: packageId });
  zipPath = download.filePath;
}, 120_000);

afterAll(async () => {
  await teardown();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('evidence packages', () => {
  it('generates as a job, keeps the package with its manifest hash, and audits request, generation and download', async () => {
    const auditor = await callerFor(a, 'auditor');
    const pkg = await auditor.evidence.get({ id: packageId });
    expect(pkg.status).toBe('ready');
    expect(pkg.progress).toBe(100);
    expect(pkg.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pkg.requestedBy).toBe(a.users.auditor.email);
    const actions = await rawRows<{ action: string; actor_label: string }>(
      sql`select action, actor_label from audit_log where org_id = ${a.id} and entity_id = ${packageId} order by seq`,
    );
    expect(actions.map((r) => r.action)).toEqual([
      'evidence.request',
      'evidence.generate',
      'evidence.download',
    ]);
    expect(actions.every((r) => r.actor_label === a.users.auditor.email)).toBe(true);
    const byManifest = await auditor.evidence.byManifest({ manifestSha256: pkg.manifestSha256! });
    expect(byManifest?.id).toBe(packageId);
  });

  it('holds populations that match the database, with the query and snapshot, and nothing of another tenant', async () => {
    const files = await readZip(zipPath);
    const parsed = parseManifest(files.get('manifest.json')!.toString('utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const m = parsed.manifest;
    expect(m.organization.id).toBe(a.id);
    expect(m.period).toEqual(period);
    expect([...files.keys()].sort()).toEqual(
      [...m.files.map((f) => f.path), 'manifest.json'].sort(),
    );

    const grants = parseCsv(files.get('access/grants.csv')!.toString('utf8'));
    const dbGrants = await rawRows<{ id: string; status: string; justification: string }>(
      sql`select id, status, justification from access_grants where org_id = ${a.id} order by id`,
    );
    const header = grants[0]!;
    const rows = grants.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(rows.map((r) => r.id)).toEqual(dbGrants.map((g) => g.id));
    expect(rows.map((r) => r.justification)).toEqual(dbGrants.map((g) => g.justification));
    expect(rows.find((r) => r.status === 'revoked')?.end_reason).toBe('left the project');
    const grantsEntry = m.files.find((f) => f.path === 'access/grants.csv')!;
    expect(grantsEntry.rows).toBe(dbGrants.length);
    expect(grantsEntry.query).toContain('from access_grants');
    expect(grantsEntry.params?.snapshot).toBe(m.snapshotAt);

    const timeline = parseCsv(files.get('cases/case_timeline.csv')!.toString('utf8'));
    const [events] = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from case_events where org_id = ${a.id}`,
    );
    expect(timeline.length - 1).toBe(events!.n);
    const evidenceFiles = parseCsv(
      files.get('vendor_reviews/evidence_files.csv')!.toString('utf8'),
    );
    const [dbEvidence] = await rawRows<{ sha256: string }>(
      sql`select sha256 from vendor_review_evidence where org_id = ${a.id}`,
    );
    expect(evidenceFiles.slice(1).map((r) => r[evidenceFiles[0]!.indexOf('sha256')])).toEqual([
      dbEvidence!.sha256,
    ]);
    const findings = parseCsv(files.get('vendor_reviews/findings.csv')!.toString('utf8'));
    expect(findings.slice(1).map((r) => r[findings[0]!.indexOf('title')])).toEqual([
      'Alpha finding',
    ]);
    const reviews = parseCsv(files.get('vendor_reviews/reviews.csv')!.toString('utf8'));
    expect(reviews.length - 1).toBe(1);
    // Every population's row count is the database's, table by table.
    for (const [file, table] of [
      ['access_reviews/campaigns.csv', 'access_review_campaigns'],
      ['access_reviews/items.csv', 'access_review_items'],
      ['access_reviews/decisions.csv', 'access_review_decisions'],
      ['attestations/campaigns.csv', 'attestation_campaigns'],
      ['attestations/requests.csv', 'attestation_requests'],
      ['inventory/people.csv', 'people'],
      ['signals/signals.csv', 'signals'],
    ] as const) {
      const [n] = await rawRows<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${a.id}`,
      );
      expect({ file, rows: m.files.find((f) => f.path === file)?.rows }).toEqual({
        file,
        rows: n!.n,
      });
    }

    // Triage decisions in order, each with its from and to status, including the superseded ones.
    const history = parseCsv(files.get('signals/triage_history.csv')!.toString('utf8'));
    const col = (name: string) => history[0]!.indexOf(name);
    expect(
      history
        .slice(1)
        .map((r) => [
          r[col('action')],
          r[col('from_status')],
          r[col('to_status')],
          r[col('reason')],
        ]),
    ).toEqual([
      ['signal.dismiss', 'open', 'dismissed', 'Alpha: travel was approved'],
      ['signal.reopen', 'dismissed', 'open', ''],
      ['signal.acknowledge', 'open', 'acknowledged', ''],
      ['signal.escalate', 'open', 'escalated', ''],
      ['signal.confirmed', 'escalated', 'confirmed', ''],
    ]);
    expect(history.slice(1).every((r) => r[col('actor')] === a.users.compliance.email)).toBe(true);

    const cases = parseCsv(files.get('cases/cases.csv')!.toString('utf8'));
    expect(cases[1]).toContain('substantiated');

    const audit = files
      .get('audit/audit_log.jsonl')!
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; hash: string });
    const seg = m.auditChain.segment!;
    const dbAudit = await rawRows<{ seq: string | number; hash: string }>(
      sql`select seq, hash from audit_log where org_id = ${a.id} and seq between ${seg.fromSeq} and ${seg.toSeq} order by seq`,
    );
    expect(audit.map((e) => e.hash)).toEqual(dbAudit.map((r) => r.hash));
    expect(audit.at(-1)!.hash).toBe(seg.lastHash);

    for (const [name, buf] of files)
      if (name !== 'summary.pdf') expect(buf.toString('utf8'), name).not.toContain('Bravo');
    expect(files.get('summary.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps CSVs verbatim and adds a spreadsheet-safe copy of each, listed in the manifest (F3)', async () => {
    const files = await readZip(zipPath);
    const parsed = parseManifest(files.get('manifest.json')!.toString('utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const csvs = parsed.manifest.files.filter(
      (f) => f.format === 'csv' && !f.path.startsWith('spreadsheet/'),
    );
    for (const f of csvs) {
      const copy = parsed.manifest.files.find((c) => c.path === `spreadsheet/${f.path}`);
      expect({ path: f.path, rows: copy?.rows, query: copy?.query }).toEqual({
        path: f.path,
        rows: f.rows,
        query: f.query,
      });
    }
    const cellsOf = (name: string) => {
      const table = parseCsv(files.get(name)!.toString('utf8'));
      const col = (c: string) => table[0]!.indexOf(c);
      return table.slice(1).map((r) => [r[col('explanation')], r[col('status_reason')]]);
    };
    expect(cellsOf('signals/signals.csv')).toContainEqual([FORMULA_EXPLANATION, FORMULA_REASON]);
    expect(cellsOf('spreadsheet/signals/signals.csv')).toContainEqual([
      `'${FORMULA_EXPLANATION}`,
      `'${FORMULA_REASON}`,
    ]);
    // Nothing else changes: the copy's other cells are the verbatim file's.
    const verbatim = parseCsv(files.get('signals/signals.csv')!.toString('utf8'));
    const safe = parseCsv(files.get('spreadsheet/signals/signals.csv')!.toString('utf8'));
    expect(safe.map((r) => r.map((c) => c.replace(/^'(?=[=+\-@\t\r])/, '')))).toEqual(verbatim);
  });

  it('verifies intact, and names the file and the audit entry an edited byte breaks', async () => {
    const ok = await verifyEvidencePackage(zipPath);
    expect(ok.ok).toBe(true);
    expect(ok.audit?.ok).toBe(true);

    const files = await readZip(zipPath);
    const edited = new Map(files);
    const csv = Buffer.from(files.get('access/grants.csv')!);
    csv[csv.length - 3] = csv[csv.length - 3]! ^ 1;
    edited.set('access/grants.csv', csv);
    const tamperedFile = path.join(dir, 'tampered-file.zip');
    await writeZip(tamperedFile, edited);
    const bad = await verifyEvidencePackage(tamperedFile);
    expect(bad.ok).toBe(false);
    expect(bad.files.filter((f) => f.status !== 'ok').map((f) => f.path)).toEqual([
      'access/grants.csv',
    ]);

    const lines = files.get('audit/audit_log.jsonl')!.toString('utf8').split('\n');
    const target = JSON.parse(lines[1]!) as { seq: number; actorLabel: string };
    lines[1] = lines[1]!.replace(target.actorLabel, `${target.actorLabel}x`);
    const edited2 = new Map(files);
    edited2.set('audit/audit_log.jsonl', Buffer.from(lines.join('\n')));
    const tamperedAudit = path.join(dir, 'tampered-audit.zip');
    await writeZip(tamperedAudit, edited2);
    const bad2 = await verifyEvidencePackage(tamperedAudit);
    expect(bad2.ok).toBe(false);
    expect(bad2.files.find((f) => f.status !== 'ok')?.path).toBe('audit/audit_log.jsonl');
    expect(bad2.audit?.problems[0]?.seq).toBe(target.seq);
  });

  it('lets auditors, compliance and admins generate; refuses managers; keeps tenants apart', async () => {
    const manager = await callerFor(a, 'manager');
    await expect(manager.evidence.generate({ ...period, scope: ['access'] })).rejects.toThrow(
      /role does not allow/,
    );
    await expect(manager.evidence.list()).rejects.toThrow(/role does not allow/);
    const bravoAuditor = await callerFor(b, 'auditor');
    await expect(bravoAuditor.evidence.get({ id: packageId })).rejects.toThrow(
      /No such evidence package/,
    );
    await expect(openEvidenceDownload(actorFor(b, 'auditor'), { id: packageId })).rejects.toThrow(
      /No such evidence package/,
    );
    expect((await bravoAuditor.evidence.list()).map((p) => p.id)).not.toContain(packageId);
    const compliance = await callerFor(a, 'compliance');
    await expect(
      compliance.evidence.generate({ from: '2026-02-01', to: '2026-01-01', scope: ['access'] }),
    ).rejects.toThrow(/end on or after/);
  });

  it('exports from the CLI path straight to a file, audited as the CLI', async () => {
    const out = path.join(dir, 'cli.zip');
    const result = await exportEvidencePackageAsOperator(
      a.id,
      evidenceRequestSchema.parse({ ...period, scope: ['access', 'audit'] }),
      out,
    );
    expect(result.manifest.files.map((f) => f.path)).toEqual([
      'access/grants.csv',
      'access/approval_steps.csv',
      'spreadsheet/access/grants.csv',
      'spreadsheet/access/approval_steps.csv',
      'audit/audit_log.jsonl',
      'summary.pdf',
    ]);
    expect((await verifyEvidencePackage(out)).ok).toBe(true);
    const [last] = await rawRows<{ action: string; actor_label: string }>(
      sql`select action, actor_label from audit_log where org_id = ${a.id} order by seq desc limit 1`,
    );
    expect(last).toEqual({ action: 'evidence.generate', actor_label: 'vigil-cli' });
  });
});
