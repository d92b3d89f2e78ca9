import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { evidencePackages, organizations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { EvidenceRequest } from '@/server/domain/evidence/inputs';
import type { EvidenceSection } from '@/server/domain/evidence/sections';
import { appendAudit, type AuditActor } from '@/server/services/audit/log';
import { appLink, recordOutboundEvent } from '@/server/services/outbound/events';
import { UserFacingError } from '@/server/services/shared/errors';
import { evidenceDir } from './package-storage';
import { writeEvidencePackage, type PackageSpec } from './package-writer';
import { availableSections } from './populations';

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
      await recordOutboundEvent(
        tx,
        orgId,
        'evidence.generated',
        { type: 'evidence_package', id: packageId },
        {
          package: {
            id: packageId,
            periodStart: String(pkg.periodFrom),
            periodEnd: String(pkg.periodTo),
            manifestSha256: result.manifestSha256,
            url: appLink(`/evidence`),
          },
          by: pkg.requestedByLabel,
        },
      );
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
  req: EvidenceRequest,
  outPath: string,
  onProgress?: (note: string, step: number, steps: number) => void,
) {
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
