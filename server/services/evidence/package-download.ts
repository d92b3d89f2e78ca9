import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { evidencePackages, organizations } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { EvidencePackageIdInput } from '@/server/domain/evidence/inputs';
import { auditMemberChange } from '@/server/services/audit/log';
import { loadInvestigationView } from '@/server/services/privacy/investigation-view';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { evidenceDir } from './package-storage';

export function packageFileName(
  slug: string,
  r: { id: string; periodFrom: string; periodTo: string },
) {
  return `vigil-evidence-${slug}-${r.periodFrom}-to-${r.periodTo}-${r.id.slice(0, 8)}.zip`;
}

/**
 * Opens a kept package for download and records the download in the audit log
 * (docs/SECURITY.md §Audit chain). The entry commits before the first byte leaves.
 */
export async function openEvidenceDownload(actor: OrgActor, { id }: EvidencePackageIdInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({ pkg: evidencePackages, slug: organizations.slug })
      .from(evidencePackages)
      .innerJoin(organizations, eq(organizations.id, evidencePackages.orgId))
      .where(and(eq(evidencePackages.orgId, actor.orgId), eq(evidencePackages.id, id)));
    if (!row)
      throw new UserFacingError('NOT_FOUND', 'No such evidence package in this organization.');
    // Packages are the audit record and carry real identifiers; where investigators see
    // pseudonyms, downloading one would undo them, so only members who see names (auditors)
    // download (docs/PRIVACY.md §Pseudonymized investigation).
    if ((await loadInvestigationView(tx, actor)).pseudonymizes)
      throw new UserFacingError(
        'FORBIDDEN',
        'This organization pseudonymizes investigations and evidence packages carry real names: auditors download them.',
      );
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
