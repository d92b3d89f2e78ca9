import { z } from 'zod';
import { listCampaignRequestsSchema } from '@/server/domain/attestations/inputs';
import { cellText, queryToListInput } from '@/server/domain/export/list-csv';
import {
  ATTESTATION_READERS,
  CAMPAIGN_READERS,
  INVENTORY_READERS,
  type Role,
} from '@/server/domain/tenancy/roles';
import { listCampaigns as listReviewCampaigns } from '@/server/services/access-reviews/campaign-queries';
import {
  listCampaignRequests,
  listCampaigns as listAttestationCampaigns,
} from '@/server/services/attestations/campaign-queries';
import { listSystems } from '@/server/services/inventory/system-queries';
import type { OrgActor } from '@/server/services/shared/actor';
import type { ExportList } from './export-lists';

// Lists whose page shows every row at once (bounded by their service, no keyset cursor): the
// export is that one read, with the page's own filters and role set (docs/INTERFACES.md §CSV
// exports).

interface WholeListDef<S extends z.ZodObject, R> {
  roles: readonly Role[];
  schema: S;
  rows: (actor: OrgActor, input: z.output<S>) => Promise<R[]>;
  columns: readonly (readonly [string, (row: R) => unknown])[];
}

function defineWholeList<S extends z.ZodObject, R>(d: WholeListDef<S, R>): ExportList {
  return {
    roles: d.roles,
    header: d.columns.map(([name]) => name),
    parse: (query) =>
      d.schema.safeParse(
        queryToListInput(d.schema.shape as Record<string, z.ZodType>, query),
      ) as z.ZodSafeParseResult<Record<string, unknown>>,
    async *pages(actor, input) {
      const rows = await d.rows(actor, input as z.output<S>);
      yield rows.map((row) => d.columns.map(([, value]) => cellText(value(row))));
    },
  };
}

const noFilters = z.object({});

export const WHOLE_EXPORT_LISTS = {
  systems: defineWholeList({
    roles: INVENTORY_READERS,
    schema: noFilters,
    rows: (actor) => listSystems(actor),
    columns: [
      ['id', (r) => r.id],
      ['name', (r) => r.name],
      ['criticality', (r) => r.criticality],
      ['data_classification', (r) => r.dataClassification],
      ['owner', (r) => r.ownerEmail],
      ['privileges', (r) => r.privilegeCount],
      ['highest_sensitivity', (r) => r.highestSensitivity],
    ],
  }),
  'review-campaigns': defineWholeList({
    roles: CAMPAIGN_READERS,
    schema: noFilters,
    rows: (actor) => listReviewCampaigns(actor),
    columns: [
      ['id', (r) => r.id],
      ['name', (r) => r.name],
      ['status', (r) => r.status],
      ['due_date', (r) => r.dueDate],
      ['items', (r) => r.progress.total],
      ['decided', (r) => r.progress.decided],
      ['overdue', (r) => r.progress.overdue],
      ['unassigned', (r) => r.unassigned],
      ['revocations_still_active', (r) => r.stillActive],
      ['created_at', (r) => r.createdAt],
      ['launched_at', (r) => r.launchedAt],
      ['completed_at', (r) => r.completedAt],
    ],
  }),
  'attestation-campaigns': defineWholeList({
    roles: ATTESTATION_READERS,
    schema: noFilters,
    rows: (actor) => listAttestationCampaigns(actor),
    columns: [
      ['id', (r) => r.id],
      ['name', (r) => r.name],
      ['template', (r) => r.templateTitle],
      ['template_version', (r) => r.templateVersion],
      ['audience', (r) => r.audienceLabel],
      ['status', (r) => r.status],
      ['due_at', (r) => r.dueAt],
      ['launched_at', (r) => r.launchedAt],
      ['requests', (r) => r.completion.total],
      ['signed', (r) => r.completion.signed],
      ['declined', (r) => r.completion.declined],
      ['pending', (r) => r.completion.pending],
      ['overdue', (r) => r.completion.overdue],
    ],
  }),
  'attestation-requests': defineWholeList({
    roles: ATTESTATION_READERS,
    schema: listCampaignRequestsSchema,
    rows: (actor, input) => listCampaignRequests(actor, input),
    columns: [
      ['id', (r) => r.id],
      ['person_id', (r) => r.personId],
      ['person', (r) => r.fullName],
      ['email', (r) => r.email],
      ['status', (r) => r.status],
      ['responded_at', (r) => r.respondedAt],
      ['typed_signature', (r) => r.typedSignature],
      ['decline_reason', (r) => r.declineReason],
      ['disclosures', (r) => r.disclosures],
      ['reminders_sent', (r) => r.remindersSent],
      ['signed_sha256', (r) => r.signedSha256],
    ],
  }),
} satisfies Record<string, ExportList>;
