import { and, desc, eq } from 'drizzle-orm';
import { evidencePackages } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { EvidencePackageIdInput } from '@/server/domain/evidence/inputs';
import {
  EVIDENCE_SECTION_LABELS,
  EVIDENCE_SECTIONS,
  type EvidenceSection,
} from '@/server/domain/evidence/sections';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { availableSections } from './populations';

export type EvidencePackageRow = typeof evidencePackages.$inferSelect;
/** The sections the form offers, and whether each can be generated on this installation. */
export function evidenceSectionOptions() {
  const available = new Set(availableSections());
  return EVIDENCE_SECTIONS.map((s) => ({
    section: s,
    label: EVIDENCE_SECTION_LABELS[s],
    available: available.has(s),
  }));
}

export function packageView(r: EvidencePackageRow) {
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
  { id }: EvidencePackageIdInput,
): Promise<EvidencePackageView> {
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
  // Only a lower-case SHA-256 can name a package; anything else matches none.
  if (!/^[0-9a-f]{64}$/.test(manifestSha256)) return null;
  const [row] = await withTenant(tenantOf(actor), (tx) =>
    tx
      .select()
      .from(evidencePackages)
      .where(
        and(
          eq(evidencePackages.orgId, actor.orgId),
          eq(evidencePackages.manifestSha256, manifestSha256),
        ),
      )
      .limit(1),
  );
  return row ? packageView(row) : null;
}
