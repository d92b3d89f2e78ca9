import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { evidencePackages, organizations } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { getEnv } from '@/server/env';
import {
  EVIDENCE_SECTION_LABELS,
  EVIDENCE_SECTIONS,
  evidencePackageIdSchema,
  evidenceRequestSchema,
  type EvidenceSection,
} from '@/server/domain/evidence/sections';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { appendAudit, auditMemberChange, type AuditActor } from '@/server/services/audit/log';
import { UserFacingError } from '@/server/services/shared/errors';
import { writeEvidencePackage, type PackageSpec } from './package-writer';
import { availableSections } from './populations';
import { announceJobs, enqueueJob } from '@/server/services/jobs/queue';

export type EvidencePackageRow = typeof evidencePackages.$inferSelect;

/** Generated packages live as files here: streamed in and out, never held in memory or the DB. */
export function evidenceDir(): string {
  const env = getEnv();
  // A runtime folder from the environment: nothing for the bundler to trace.
  return path.resolve(
    /* turbopackIgnore: true */
    env.VIGIL_EVIDENCE_PACKAGES_DIR ?? path.join(env.VIGIL_DATA_DIR, 'evidence-packages'),
  );
}

/** The sections the form offers, and whether each can be generated on this installation. */
export function evidenceSectionOptions() {
  const available = new Set(availableSections());
  return EVIDENCE_SECTIONS.map((s) => ({
    section: s,
    label: EVIDENCE_SECTION_LABELS[s],
    available: available.has(s),
  }));
}

function packageView(r: EvidencePackageRow) {
  return {
    id: r.id,
    scope: r.scope as EvidenceSection[],
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    requestedBy: r.requestedByLabel,
    requestedAt: r.requestedAt,
    status: r.status,
    progress: r.progress,
    progressNote: r.progressNote,
    error: r.error,
    generatedAt: r.generatedAt,
    snapshotAt: r.snapshotAt,
    manifestSha256: r.manifestSha256,
    sizeBytes: r.sizeBytes,
    fileCount: r.fileCount,
    rowCount: r.rowCount,
  };
}
export type EvidencePackageView = ReturnType<typeof packageView>;

/** Records the request and queues its generation as a durable job; the page polls progress. */
export async function requestEvidencePackage(
  actor: OrgActor,
  input: z.input<typeof evidenceRequestSchema>,
): Promise<EvidencePackageView> {
  const req = evidenceRequestSchema.parse(input);
  const available = new Set(availableSections());
  const missing = req.scope.filter((s) => !available.has(s));
  if (missing.length > 0)
    throw new UserFacingError(
      'BAD_REQUEST',
      `Not available yet: ${missing.map((s) => EVIDENCE_SECTION_LABELS[s]).join(', ')}. Leave them out.`,
    );
  // As the owner with the tenant set (forced RLS still binds), so the package, its job and the
  // audit entry commit together: vigil_app has no access to the job queue.
  const view = await withSystem(async (tx) => {
    const [row] = await tx
      .insert(evidencePackages)
      .values({
        orgId: actor.orgId,
        scope: req.scope,
        periodFrom: req.from,
        periodTo: req.to,
        requestedBy: actor.userId,
        requestedByLabel: actor.email,
        progressNote: 'Queued',
      })
      .returning();
    if (!row) throw new Error('evidence package insert returned nothing');
    await enqueueJob(
      'evidence.generate',
      { orgId: actor.orgId, packageId: row.id },
      { dedupeKey: `evidence.generate:${row.id}`, maxAttempts: 3 },
      tx,
    );
    await auditMemberChange(tx, actor, {
      action: 'evidence.request',
      entityType: 'evidence_package',
      entityId: row.id,
      after: { scope: req.scope, from: req.from, to: req.to },
    });
    return packageView(row);
  }, tenantOf(actor));
  announceJobs();
  return view;
}

export async function listEvidencePackages(actor: OrgActor): Promise<EvidencePackageView[]> {
  const rows = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select()
      .from(evidencePackages)
      .where(eq(evidencePackages.orgId, actor.orgId))
      .orderBy(desc(evidencePackages.requestedAt))
      .limit(100),
  );
  return rows.map(packageView);
}

export async function getEvidencePackage(
  actor: OrgActor,
  input: z.input<typeof evidencePackageIdSchema>,
): Promise<EvidencePackageView> {
  const { id } = evidencePackageIdSchema.parse(input);
  const [row] = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select()
      .from(evidencePackages)
      .where(and(eq(evidencePackages.orgId, actor.orgId), eq(evidencePackages.id, id))),
  );
  if (!row)
    throw new UserFacingError('NOT_FOUND', 'No such evidence package in this organization.');
  return packageView(row);
}

/** The kept package a verified copy's manifest hash belongs to, if this organization made it. */
export async function findPackageByManifest(actor: OrgActor, manifestSha256: string) {
  const sha = z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .safeParse(manifestSha256);
  if (!sha.success) return null;
  const [row] = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select()
      .from(evidencePackages)
      .where(
        and(eq(evidencePackages.orgId, actor.orgId), eq(evidencePackages.manifestSha256, sha.data)),
      )
      .limit(1),
  );
  return row ? packageView(row) : null;
}

export function packageFileName(
  slug: string,
  r: { id: string; periodFrom: string; periodTo: string },
) {
  return `vigil-evidence-${slug}-${r.periodFrom}-to-${r.periodTo}-${r.id.slice(0, 8)}.zip`;
}

/**
 * Opens a kept package for download and records the download in the audit log (spec: "every
 * evidence download"). The entry commits before the first byte leaves.
 */
export async function openEvidenceDownload(
  actor: OrgActor,
  input: z.input<typeof evidencePackageIdSchema>,
) {
  const { id } = evidencePackageIdSchema.parse(input);
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({ pkg: evidencePackages, slug: organizations.slug })
      .from(evidencePackages)
      .innerJoin(organizations, eq(organizations.id, evidencePackages.orgId))
      .where(and(eq(evidencePackages.orgId, actor.orgId), eq(evidencePackages.id, id)));
    if (!row)
      throw new UserFacingError('NOT_FOUND', 'No such evidence package in this organization.');
    const pkg = row.pkg;
    if (pkg.status !== 'ready' || !pkg.fileLocation)
      throw new UserFacingError(
        'CONFLICT',
        'This package is not ready yet; download it once it is generated.',
      );
    const filePath = path.join(evidenceDir(), pkg.fileLocation);
    const stat = await fs.promises.stat(filePath).catch(() => null);
    if (!stat)
      throw new UserFacingError(
        'NOT_FOUND',
        'The package file is missing from the evidence folder; generate it again.',
      );
    await auditMemberChange(tx, actor, {
      action: 'evidence.download',
      entityType: 'evidence_package',
      entityId: pkg.id,
      after: { manifestSha256: pkg.manifestSha256, bytes: stat.size },
    });
    return { filePath, size: stat.size, fileName: packageFileName(row.slug, pkg) };
  });
}

const jobPayloadSchema = z.object({ orgId: z.uuid(), packageId: z.uuid() });

/**
 * The `evidence.generate` job: writes the ZIP to a partial file, renames it into place and marks
 * the package ready with its manifest hash, auditing the generation in the same transaction.
 * Idempotent: a ready package is left alone; a rerun after a crash starts the file over.
 */
export async function runEvidencePackageJob(payload: Record<string, unknown>) {
  const { orgId, packageId } = jobPayloadSchema.parse(payload);
  const scope = { orgId, userId: null };
  const [found] = await withTenant(scope, (tx) =>
    tx
      .select({ pkg: evidencePackages, org: organizations })
      .from(evidencePackages)
      .innerJoin(organizations, eq(organizations.id, evidencePackages.orgId))
      .where(and(eq(evidencePackages.orgId, orgId), eq(evidencePackages.id, packageId))),
  );
  if (!found) throw new Error(`evidence package ${packageId} not found`);
  const { pkg, org } = found;
  if (pkg.status === 'ready') return { skipped: true };
  const setRow = (values: Partial<typeof evidencePackages.$inferInsert>) =>
    withTenant(scope, (tx) =>
      tx
        .update(evidencePackages)
        .set(values)
        .where(and(eq(evidencePackages.orgId, orgId), eq(evidencePackages.id, packageId))),
    );
  await setRow({
    status: 'running',
    startedAt: new Date(),
    progress: 0,
    error: null,
    progressNote: 'Starting',
  });

  const relative = path.join(orgId, `${packageId}.zip`);
  const finalPath = path.join(evidenceDir(), relative);
  const partial = `${finalPath}.partial`;
  await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
  const actor: AuditActor = pkg.requestedBy
    ? { type: 'user', id: pkg.requestedBy, label: pkg.requestedByLabel }
    : { type: 'system', id: null, label: pkg.requestedByLabel };
  const spec: PackageSpec = {
    from: pkg.periodFrom,
    to: pkg.periodTo,
    scope: pkg.scope as EvidenceSection[],
    organization: { id: org.id, slug: org.slug, name: org.name },
    generatedBy: actor,
  };
  try {
    let lastStep = -1;
    const result = await writeEvidencePackage(spec, fs.createWriteStream(partial), async (p) => {
      if (p.step === lastStep) return;
      lastStep = p.step;
      await setRow({
        progress: Math.floor((p.step / p.steps) * 100),
        progressNote: p.note,
        rowCount: p.rows,
      });
    });
    await fs.promises.rename(partial, finalPath);
    await withTenant(scope, async (tx) => {
      await tx
        .update(evidencePackages)
        .set({
          status: 'ready',
          progress: 100,
          progressNote: 'Ready',
          generatedAt: new Date(result.manifest.generatedAt),
          snapshotAt: result.snapshotAt,
          manifestSha256: result.manifestSha256,
          sizeBytes: result.bytes,
          fileCount: result.manifest.files.length,
          rowCount: result.rows,
          fileLocation: relative,
        })
        .where(and(eq(evidencePackages.orgId, orgId), eq(evidencePackages.id, packageId)));
      await appendAudit(tx, {
        orgId,
        actor,
        action: 'evidence.generate',
        entityType: 'evidence_package',
        entityId: packageId,
        after: {
          manifestSha256: result.manifestSha256,
          bytes: result.bytes,
          files: result.manifest.files.length,
          rows: result.rows,
          period: result.manifest.period,
          scope: result.manifest.scope,
        },
        requestId: null,
        ip: null,
      });
    });
    return { manifestSha256: result.manifestSha256, bytes: result.bytes, rows: result.rows };
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    await setRow({
      status: 'failed',
      error: (error as Error).message.slice(0, 500),
      progressNote: 'Failed; retrying',
    });
    throw error;
  }
}

/**
 * `vigil evidence export`: the same package written straight to a file by the operator (no kept
 * copy); the generation is audited as the CLI.
 */
export async function exportEvidencePackageAsOperator(
  orgId: string,
  input: z.input<typeof evidenceRequestSchema>,
  outPath: string,
  onProgress?: (note: string, step: number, steps: number) => void,
) {
  const req = evidenceRequestSchema.parse(input);
  const available = new Set(availableSections());
  const missing = req.scope.filter((s) => !available.has(s));
  if (missing.length > 0)
    throw new UserFacingError(
      'BAD_REQUEST',
      `Not available yet: ${missing.join(', ')}. Leave them out of --scope.`,
    );
  const scope = { orgId, userId: null };
  const [org] = await withTenant(scope, (tx) =>
    tx.select().from(organizations).where(eq(organizations.id, orgId)),
  );
  if (!org) throw new UserFacingError('NOT_FOUND', 'No such organization.');
  const actor: AuditActor = { type: 'system', id: null, label: 'vigil-cli' };
  const partial = `${outPath}.partial`;
  try {
    const result = await writeEvidencePackage(
      { ...req, organization: { id: org.id, slug: org.slug, name: org.name }, generatedBy: actor },
      fs.createWriteStream(partial),
      async (p) => onProgress?.(p.note, p.step, p.steps),
    );
    await fs.promises.rename(partial, outPath);
    await withTenant(scope, (tx) =>
      appendAudit(tx, {
        orgId,
        actor,
        action: 'evidence.generate',
        entityType: 'evidence_package',
        entityId: null,
        after: {
          manifestSha256: result.manifestSha256,
          bytes: result.bytes,
          rows: result.rows,
          period: result.manifest.period,
          scope: result.manifest.scope,
          out: path.basename(outPath),
        },
        requestId: null,
        ip: null,
      }),
    );
    return result;
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
}
