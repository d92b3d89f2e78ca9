import { withTenant } from '@/db/tenant';
import { bundleOf, type StixObject } from '@/server/domain/indicators/bundle';
import type { ExportIndicatorsInput } from '@/server/domain/indicators/inputs';
import { appendAudit } from '@/server/services/audit/log';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { UserFacingError } from '@/server/services/shared/errors';
import { loadSharedCollection } from './shared-collection';

export interface IndicatorExport {
  bundle: StixObject;
  indicators: number;
  /** Profiles left out for want of a shareable identifier. */
  skipped: number;
  hashed: boolean;
}

/**
 * The watchlist (all or chosen sources) and confirmed impostors as one STIX 2.1 bundle
 * (docs/IMPOSTORS.md §Exported bundles). An organization that shares hashed cannot export clear
 * values until an admin turns that setting off; the export is audited.
 */
export async function exportIndicators(
  actor: ImportActor,
  input: ExportIndicatorsInput,
): Promise<IndicatorExport> {
  return withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
    const collection = await loadSharedCollection(tx, actor.orgId, input);
    if (collection.settingHashed && !collection.hashed)
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        'This organization shares indicators hashed only; an admin can turn off hashed sharing in the organization settings to export clear values.',
      );
    const objects = collection.objects.map((o) => o.object);
    const indicators = objects.filter((o) => o.type === 'indicator').length;
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: actor.audit,
      action: 'indicators.exported',
      entityType: 'watchlist',
      entityId: null,
      after: {
        hashed: collection.hashed,
        sources: input.sources ?? 'all',
        includeConfirmed: input.includeConfirmed,
        indicators,
      },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return {
      bundle: bundleOf(objects),
      indicators,
      skipped: collection.skipped,
      hashed: collection.hashed,
    };
  });
}
