import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import { auditLog } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { GENESIS_HASH } from '@/server/domain/audit/chain';
import type { EvidenceRequest } from '@/server/domain/evidence/inputs';
import {
  MANIFEST_FORMAT,
  MANIFEST_PATH,
  serializeManifest,
  sha256,
  type AuditSegment,
  type Manifest,
  type ManifestFile,
} from '@/server/domain/evidence/manifest';
import { periodBounds } from '@/server/domain/evidence/sections';
import type { SummaryBlock } from '@/server/domain/evidence/summary';
import { csvLine, spreadsheetCsvLine } from '@/server/domain/export/csv';
import { signedHeadFor } from '@/server/services/audit/anchors';
import { auditEntryFromRow } from '@/server/services/audit/log';
import {
  cellText,
  pageQuery,
  runNamed,
  type EvidencePopulation,
  type PopulationParams,
  type QueryRunner,
} from './population';
import { sectionModule } from './populations';
import {
  SPREADSHEET_DIR,
  hashedFile,
  openCopy,
  writeCopy,
  type SpreadsheetCopy,
} from './spreadsheet-copies';
import { renderSummaryPdf } from './summary-pdf';

const PAGE = 2000;
export const AUDIT_SEGMENT_PATH = 'audit/audit_log.jsonl';
export const AUDIT_ANCHOR_PATH = 'audit/anchor.jsonl';

export interface PackageSpec extends EvidenceRequest {
  organization: { id: string; slug: string; name: string };
  generatedBy: { type: string; id: string | null; label: string };
}

export interface PackageProgress {
  step: number;
  steps: number;
  note: string;
  rows: number;
}

export interface WrittenPackage {
  manifest: Manifest;
  manifestSha256: string;
  bytes: number;
  rows: number;
  snapshotAt: Date;
}

type Cell = string;

/** Each population's rows as CSV, a keyset page at a time, hashed and counted on the way out. */
async function* populationCsv(
  p: EvidencePopulation,
  orgId: string,
  params: PopulationParams,
  tally: { rows: number; hash: ReturnType<typeof createHash>; bytes: number },
  /** Receives the same rows made spreadsheet-safe, page by page. */
  copy: (text: string) => Promise<void>,
): AsyncGenerator<Buffer> {
  const emit = (text: string) => {
    const b = Buffer.from(text, 'utf8');
    tally.hash.update(b);
    tally.bytes += b.length;
    return b;
  };
  await copy(spreadsheetCsvLine(p.columns));
  yield emit(csvLine(p.columns));
  let after: Record<string, unknown> | null = null;
  for (;;) {
    const keyParams: Record<string, string | null> = {};
    p.keys.forEach((k, i) => {
      keyParams[`k${i}`] = after ? String(after[k.column]) : null;
    });
    const text = pageQuery(p, after === null, PAGE);
    const rows = await withTenant({ orgId, userId: null }, (tx) =>
      runNamed<Record<string, unknown>>(tx, text, { ...params, ...(after ? keyParams : {}) }),
    );
    if (rows.length === 0) return;
    const cells = rows.map((r) => p.columns.map((c) => cellText(r[c])));
    tally.rows += rows.length;
    await copy(cells.map(spreadsheetCsvLine).join(''));
    const lines: Cell[] = cells.map(csvLine);
    yield emit(lines.join(''));
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!;
  }
}

interface SegmentBounds {
  segment: AuditSegment;
  headSeq: number;
  headHash: string;
}

/**
 * The period's audit entries as a contiguous run of the chain (seq fromSeq..toSeq, up to the
 * head at the snapshot) plus the hash before it, so the segment verifies offline.
 */
async function auditSegmentBounds(orgId: string, start: Date, end: Date): Promise<SegmentBounds> {
  return withTenant({ orgId, userId: null }, async (tx) => {
    const [head] = await tx
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.orgId, orgId))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    const headSeq = head?.seq ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH;
    const [range] = await tx
      .select({
        from: sql<string | null>`min(${auditLog.seq})::text`,
        to: sql<string | null>`max(${auditLog.seq})::text`,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.orgId, orgId),
          gte(auditLog.occurredAt, start),
          lt(auditLog.occurredAt, end),
          lte(auditLog.seq, headSeq),
        ),
      );
    const fromSeq = range?.from ? Number(range.from) : null;
    const toSeq = range?.to ? Number(range.to) : null;
    // Before the first entry (or, for an empty period, at its end): the hash that anchors it.
    const anchorSeq = fromSeq !== null ? fromSeq - 1 : null;
    const [anchor] = await tx
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.orgId, orgId),
          anchorSeq !== null ? eq(auditLog.seq, anchorSeq) : lt(auditLog.occurredAt, end),
        ),
      )
      .orderBy(desc(auditLog.seq))
      .limit(1);
    const prevHash = anchor?.hash ?? GENESIS_HASH;
    const [last] =
      toSeq !== null
        ? await tx
            .select({ hash: auditLog.hash })
            .from(auditLog)
            .where(and(eq(auditLog.orgId, orgId), eq(auditLog.seq, toSeq)))
        : [];
    return {
      headSeq,
      headHash,
      segment: {
        path: AUDIT_SEGMENT_PATH,
        fromSeq,
        toSeq,
        entries: fromSeq !== null && toSeq !== null ? toSeq - fromSeq + 1 : 0,
        prevHash,
        lastHash: last?.hash ?? prevHash,
      },
    };
  });
}

async function* auditJsonl(
  orgId: string,
  segment: AuditSegment,
  tally: { rows: number; hash: ReturnType<typeof createHash>; bytes: number },
): AsyncGenerator<Buffer> {
  if (segment.fromSeq === null || segment.toSeq === null) return;
  let next = segment.fromSeq;
  while (next <= segment.toSeq) {
    const rows = await withTenant({ orgId, userId: null }, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.orgId, orgId),
            gte(auditLog.seq, next),
            lte(auditLog.seq, segment.toSeq!),
          ),
        )
        .orderBy(asc(auditLog.seq))
        .limit(PAGE),
    );
    if (rows.length === 0) return;
    const b = Buffer.from(
      rows.map((r) => `${JSON.stringify(auditEntryFromRow(r))}\n`).join(''),
      'utf8',
    );
    tally.hash.update(b);
    tally.bytes += b.length;
    tally.rows += rows.length;
    yield b;
    next = rows[rows.length - 1]!.seq + 1;
  }
}

/** Adds one streamed entry and resolves once the ZIP has consumed all of it. */
async function addStream(zip: ZipFile, path: string, source: AsyncGenerator<Buffer>, mtime: Date) {
  const readable = Readable.from(source, { objectMode: false });
  const ended = once(readable, 'end');
  zip.addReadStream(readable, path, { mtime, compress: true });
  await ended;
}

/**
 * Writes an evidence package to `out` as a streamed ZIP (docs/EVIDENCE.md §Contents):
 * each section's populations, the audit segment, summary.pdf, and manifest.json last with every
 * file's SHA-256, row count and query. Memory stays flat: rows are read and written a page at a
 * time, and each query runs in its own short transaction (bounded by the snapshot time).
 */
export async function writeEvidencePackage(
  spec: PackageSpec,
  out: Writable,
  onProgress: (p: PackageProgress) => Promise<void> = async () => {},
): Promise<WrittenPackage> {
  const snapshotAt = new Date();
  const { start, end } = periodBounds(spec);
  const orgId = spec.organization.id;
  const params: PopulationParams = {
    org: orgId,
    start: start.toISOString(),
    end: end.toISOString(),
    snapshot: snapshotAt.toISOString(),
  };
  const modules = spec.scope.flatMap((s) => {
    const m = sectionModule(s);
    return m ? [m] : [];
  });
  const includeAudit = spec.scope.includes('audit');
  const steps = modules.reduce((n, m) => n + m.populations.length, 0) + (includeAudit ? 1 : 0) + 3;
  let step = 0;
  let totalRows = 0;

  const bounds = await auditSegmentBounds(orgId, start, end);
  const zip = new ZipFile();
  let bytes = 0;
  const counted = zip.outputStream as Readable;
  counted.on('data', (c: Buffer) => {
    bytes += c.length;
  });
  const written = pipeline(counted, out);
  const files: ManifestFile[] = [];
  const spool = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'vigil-evidence-'));
  const copies: SpreadsheetCopy[] = [];

  try {
    for (const m of modules) {
      for (const p of m.populations) {
        const tally = { rows: 0, hash: createHash('sha256'), bytes: 0 };
        await onProgress({ step, steps, note: `Writing ${p.path}`, rows: totalRows });
        const copy = openCopy(spool, p, m.section);
        copies.push(copy);
        const csv = populationCsv(p, orgId, params, tally, (text) => writeCopy(copy, text));
        await addStream(zip, p.path, csv, snapshotAt);
        copy.rows = tally.rows;
        totalRows += tally.rows;
        files.push({
          path: p.path,
          section: m.section,
          format: 'csv',
          description: p.description,
          sha256: tally.hash.digest('hex'),
          bytes: tally.bytes,
          rows: tally.rows,
          query: p.query,
          params: { ...params },
        });
        step += 1;
      }
    }
    await onProgress({ step, steps, note: `Writing ${SPREADSHEET_DIR}/`, rows: totalRows });
    for (const copy of copies) {
      copy.out.end();
      await once(copy.out, 'finish');
      const tally = { hash: createHash('sha256'), bytes: 0 };
      const copyPath = `${SPREADSHEET_DIR}/${copy.population.path}`;
      await addStream(zip, copyPath, hashedFile(copy.file, tally), snapshotAt);
      files.push({
        path: copyPath,
        section: copy.section,
        format: 'csv',
        description: `Spreadsheet-safe copy of ${copy.population.path}: cells that would start a formula begin with '`,
        sha256: tally.hash.digest('hex'),
        bytes: tally.bytes,
        rows: copy.rows,
        query: copy.population.query,
        params: { ...params },
      });
    }
    step += 1;

    let segment: AuditSegment | null = null;
    if (includeAudit) {
      await onProgress({ step, steps, note: `Writing ${AUDIT_SEGMENT_PATH}`, rows: totalRows });
      const tally = { rows: 0, hash: createHash('sha256'), bytes: 0 };
      await addStream(
        zip,
        AUDIT_SEGMENT_PATH,
        auditJsonl(orgId, bounds.segment, tally),
        snapshotAt,
      );
      totalRows += tally.rows;
      segment = bounds.segment;
      files.push({
        path: AUDIT_SEGMENT_PATH,
        section: 'audit',
        format: 'jsonl',
        description:
          'Audit-log entries of the period, one JSON entry per line, with prev_hash and hash',
        sha256: tally.hash.digest('hex'),
        bytes: tally.bytes,
        rows: tally.rows,
        query: `audit_log where org_id = :org and seq between ${segment.fromSeq ?? '-'} and ${segment.toSeq ?? '-'} order by seq (the entries with occurred_at in [:start, :end), contiguous in the chain, up to the head at :snapshot)`,
        params: { ...params },
      });
      step += 1;
    }

    // The chain head at generation, signed (docs/SECURITY.md §Audit chain): kept with the
    // package, it later shows whether entries were cut off the chain's end.
    const anchor = signedHeadFor(
      spec.organization,
      { seq: bounds.headSeq, hash: bounds.headHash },
      snapshotAt,
    );
    if (anchor) {
      const anchorBytes = Buffer.from(`${JSON.stringify(anchor)}\n`, 'utf8');
      zip.addBuffer(anchorBytes, AUDIT_ANCHOR_PATH, { mtime: snapshotAt, compress: true });
      files.push({
        path: AUDIT_ANCHOR_PATH,
        section: 'audit',
        format: 'jsonl',
        description:
          "The audit chain's head at generation, signed with the deployment's anchor key (Ed25519); `vigil audit verify --anchor` checks it against the chain",
        sha256: sha256(anchorBytes),
        bytes: anchorBytes.length,
        rows: 1,
        query: null,
        params: null,
      });
    }

    await onProgress({ step, steps, note: 'Drawing summary.pdf', rows: totalRows });
    const q: QueryRunner = (text, p) =>
      withTenant({ orgId, userId: null }, (tx) => runNamed(tx, text, p));
    const blocks: SummaryBlock[] = [];
    for (const m of modules) blocks.push(await m.summarize(q, params));
    if (includeAudit)
      blocks.push({
        title: 'Audit log',
        figures: [
          { label: 'Entries in the period', value: bounds.segment.entries },
          { label: 'Chain head at generation', value: `#${bounds.headSeq}` },
        ],
        rates: [],
        chart: null,
        exceptions: [],
      });
    const pdf = await renderSummaryPdf(
      {
        organization: spec.organization.name,
        period: { from: spec.from, to: spec.to },
        scope: spec.scope,
        generatedBy: spec.generatedBy.label,
        generatedAt: snapshotAt.toISOString(),
        snapshotAt: snapshotAt.toISOString(),
        chainHead: { seq: bounds.headSeq, hash: bounds.headHash },
      },
      blocks,
    );
    zip.addBuffer(pdf, 'summary.pdf', { mtime: snapshotAt, compress: true });
    files.push({
      path: 'summary.pdf',
      section: 'summary',
      format: 'pdf',
      description: 'Headline figures, completion rates, charts and exceptions',
      sha256: sha256(pdf),
      bytes: pdf.length,
      rows: null,
      query: null,
      params: null,
    });
    step += 1;

    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      organization: spec.organization,
      period: { from: spec.from, to: spec.to },
      scope: spec.scope,
      generatedBy: spec.generatedBy,
      generatedAt: new Date().toISOString(),
      snapshotAt: snapshotAt.toISOString(),
      auditChain: { headSeq: bounds.headSeq, headHash: bounds.headHash, segment },
      files,
    };
    const manifestBytes = Buffer.from(serializeManifest(manifest), 'utf8');
    zip.addBuffer(manifestBytes, MANIFEST_PATH, { mtime: snapshotAt, compress: true });
    zip.end();
    await written;
    await onProgress({ step: steps, steps, note: 'Done', rows: totalRows });
    return { manifest, manifestSha256: sha256(manifestBytes), bytes, rows: totalRows, snapshotAt };
  } catch (error) {
    counted.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  } finally {
    for (const copy of copies) copy.out.destroy();
    await fs.promises.rm(spool, { recursive: true, force: true });
  }
}
