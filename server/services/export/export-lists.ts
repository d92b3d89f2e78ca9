import type { z } from 'zod';
import { listGrantsSchema } from '@/server/domain/access/inputs';
import { listReviewItemsSchema } from '@/server/domain/access-reviews/inputs';
import { auditFilterSchema } from '@/server/domain/audit/inputs';
import { listCasesSchema } from '@/server/domain/cases/inputs';
import { cellText, queryToListInput } from '@/server/domain/export/list-csv';
import { listPeopleSchema, listVendorsSchema } from '@/server/domain/inventory/inputs';
import { listSignalsSchema } from '@/server/domain/signals/inputs';
import {
  ACCESS_READERS,
  AUDIT_READERS,
  CASE_READERS,
  INVENTORY_READERS,
  REVIEW_INBOX_READERS,
  SIGNAL_READERS,
  VENDOR_REVIEW_READERS,
  type Role,
} from '@/server/domain/tenancy/roles';
import { listVendorReviewsSchema } from '@/server/domain/vendor-reviews/inputs';
import { listGrants } from '@/server/services/access/grant-queries';
import { listReviewItems } from '@/server/services/access-reviews/item-queries';
import { listAuditEntries } from '@/server/services/audit/audit-queries';
import { listCases } from '@/server/services/cases/case-queries';
import { listPeople } from '@/server/services/inventory/people-queries';
import { listVendors } from '@/server/services/inventory/vendor-queries';
import type { OrgActor } from '@/server/services/shared/actor';
import { listSignals } from '@/server/services/signals/queries';
import { listVendorReviews } from '@/server/services/vendor-reviews/review-queries';
import { WHOLE_EXPORT_LISTS } from './export-whole-lists';

// Each export reuses its list's role set, input schema and service (docs/INTERFACES.md §CSV
// exports), so row scoping and any change to what the list returns apply to the export as well.

type ListSchema = z.ZodObject<{ cursor: z.ZodType; limit: z.ZodType }>;
type Cursor<S extends ListSchema> = z.output<S>['cursor'];

interface ExportListDef<S extends ListSchema, R> {
  roles: readonly Role[];
  schema: S;
  /** The list's own largest page. */
  pageSize: number;
  page: (
    actor: OrgActor,
    input: z.output<S>,
  ) => Promise<{ rows: R[]; nextCursor: Cursor<S> | null }>;
  /** What the page shows, plus ids. */
  columns: readonly (readonly [string, (row: R) => unknown])[];
}

export interface ExportList {
  roles: readonly Role[];
  header: string[];
  parse: (query: URLSearchParams) => z.ZodSafeParseResult<Record<string, unknown>>;
  /** Every matching row as cell text, one list page at a time, following the keyset cursor. */
  pages: (actor: OrgActor, input: Record<string, unknown>) => AsyncGenerator<string[][]>;
}

function defineList<S extends ListSchema, R>(d: ExportListDef<S, R>): ExportList {
  return {
    roles: d.roles,
    header: d.columns.map(([name]) => name),
    parse: (query) =>
      d.schema.safeParse(queryToListInput(d.schema.shape, query)) as z.ZodSafeParseResult<
        Record<string, unknown>
      >,
    async *pages(actor, input) {
      let cursor: Cursor<S> | undefined;
      do {
        const { rows, nextCursor } = await d.page(actor, {
          ...(input as z.output<S>),
          cursor,
          limit: d.pageSize,
        });
        yield rows.map((row) => d.columns.map(([, value]) => cellText(value(row))));
        cursor = nextCursor ?? undefined;
      } while (cursor !== undefined);
    },
  };
}

const items = <R, C>(r: { items: R[]; nextCursor: C | null }) => ({
  rows: r.items,
  nextCursor: r.nextCursor,
});

export const EXPORT_LISTS = {
  signals: defineList({
    roles: SIGNAL_READERS,
    schema: listSignalsSchema,
    pageSize: 100,
    page: async (actor, input) => items(await listSignals(actor, input)),
    columns: [
      ['id', (r) => r.id],
      ['created_at', (r) => r.createdAt],
      ['kind', (r) => r.kind],
      ['severity', (r) => r.severity],
      ['status', (r) => r.status],
      ['person_id', (r) => r.person.id],
      ['person', (r) => r.person.fullName],
      ['vendor_id', (r) => r.vendor?.id],
      ['vendor', (r) => r.vendor?.name],
      ['window_start', (r) => r.windowStart],
      ['window_end', (r) => r.windowEnd],
      ['explanation', (r) => r.explanation],
    ],
  }),
  cases: defineList({
    roles: CASE_READERS,
    schema: listCasesSchema,
    pageSize: 100,
    page: async (actor, input) => items(await listCases(actor, input)),
    columns: [
      ['id', (r) => r.id],
      ['reference', (r) => r.reference],
      ['title', (r) => r.title],
      ['severity', (r) => r.severity],
      ['status', (r) => r.status],
      ['outcome', (r) => r.outcome],
      ['assignee_id', (r) => r.assignee?.id],
      ['assignee', (r) => r.assignee?.email],
      ['opened_at', (r) => r.openedAt],
      ['closed_at', (r) => r.closedAt],
    ],
  }),
  access: defineList({
    roles: ACCESS_READERS,
    schema: listGrantsSchema,
    pageSize: 100,
    page: async (actor, input) => items(await listGrants(actor, input)),
    columns: [
      ['id', (r) => r.id],
      ['status', (r) => r.status],
      ['person_id', (r) => r.person.id],
      ['person', (r) => r.person.fullName],
      ['vendor_id', (r) => r.vendor?.id],
      ['vendor', (r) => r.vendor?.name],
      ['system_id', (r) => r.system.id],
      ['system', (r) => r.system.name],
      ['privilege_id', (r) => r.privilege.id],
      ['privilege', (r) => r.privilege.name],
      ['sensitivity', (r) => r.privilege.sensitivity],
      ['requested_by', (r) => r.requesterEmail],
      ['requested_at', (r) => r.requestedAt],
      ['starts_at', (r) => r.startsAt],
      ['expires_at', (r) => r.expiresAt],
      ['ended_at', (r) => r.endedAt],
    ],
  }),
  vendors: defineList({
    roles: INVENTORY_READERS,
    schema: listVendorsSchema,
    pageSize: 100,
    page: async (actor, input) => {
      const r = await listVendors(actor, input);
      return { rows: r.vendors, nextCursor: r.nextCursor };
    },
    columns: [
      ['id', (r) => r.id],
      ['name', (r) => r.name],
      ['country', (r) => r.country],
      ['tier', (r) => r.tier],
      ['status', (r) => r.status],
      ['data_categories', (r) => r.dataCategories],
      ['risk', (r) => r.risk],
      ['risk_band', (r) => r.riskBand],
      ['people', (r) => r.people],
      ['contract_end', (r) => r.contractEnd],
      ['next_review_at', (r) => r.nextReviewAt],
      ['review_overdue', (r) => r.reviewOverdue],
      ['warnings', (r) => r.warnings],
    ],
  }),
  people: defineList({
    roles: INVENTORY_READERS,
    schema: listPeopleSchema,
    pageSize: 100,
    page: async (actor, input) => {
      const r = await listPeople(actor, input);
      return { rows: r.people, nextCursor: r.nextCursor };
    },
    columns: [
      ['id', (r) => r.id],
      ['full_name', (r) => r.fullName],
      ['email', (r) => r.email],
      ['type', (r) => r.type],
      ['title', (r) => r.title],
      ['department', (r) => r.department],
      ['country', (r) => r.country],
      ['vendor_id', (r) => r.vendorId],
      ['vendor', (r) => r.vendorName],
      ['background_check', (r) => r.backgroundCheckStatus],
      ['risk', (r) => r.risk],
      ['risk_band', (r) => r.riskBand],
      ['end_date', (r) => r.endDate],
    ],
  }),
  'vendor-reviews': defineList({
    roles: VENDOR_REVIEW_READERS,
    schema: listVendorReviewsSchema,
    pageSize: 200,
    page: async (actor, input) => items(await listVendorReviews(actor, input)),
    columns: [
      ['id', (r) => r.id],
      ['vendor_id', (r) => r.vendorId],
      ['vendor', (r) => r.vendorName],
      ['tier', (r) => r.vendorTier],
      ['kind', (r) => r.kind],
      ['status', (r) => r.status],
      ['due_on', (r) => r.dueOn],
      ['overdue', (r) => r.overdue],
      ['reviewer', (r) => r.reviewer],
      ['approver', (r) => r.approver],
      ['decision', (r) => r.decision],
      ['open_findings', (r) => r.openFindings],
      ['evidence', (r) => r.evidence],
      ['created_at', (r) => r.createdAt],
      ['completed_at', (r) => r.completedAt],
    ],
  }),
  'review-items': defineList({
    roles: REVIEW_INBOX_READERS,
    schema: listReviewItemsSchema,
    pageSize: 200,
    page: async (actor, input) => items(await listReviewItems(actor, input)),
    columns: [
      ['id', (r) => r.id],
      ['campaign_id', (r) => r.campaign.id],
      ['campaign', (r) => r.campaign.name],
      ['due_date', (r) => r.campaign.dueDate],
      ['grant_id', (r) => r.grantId],
      ['person_id', (r) => r.person.id],
      ['person', (r) => r.person.name],
      ['email', (r) => r.person.email],
      ['vendor', (r) => r.vendor?.name],
      ['system_id', (r) => r.system.id],
      ['system', (r) => r.system.name],
      ['privilege', (r) => r.privilege],
      ['sensitivity', (r) => r.sensitivity],
      ['reviewer', (r) => r.reviewer?.email],
      ['status', (r) => r.status],
      ['overdue', (r) => r.overdue],
      ['decision', (r) => r.decision],
      ['decided_by', (r) => r.decidedBy],
      ['decided_at', (r) => r.decidedAt],
    ],
  }),
  audit: defineList({
    roles: AUDIT_READERS,
    schema: auditFilterSchema,
    pageSize: 200,
    page: async (actor, input) => {
      const r = await listAuditEntries(actor, input);
      return { rows: r.entries, nextCursor: r.nextCursor };
    },
    columns: [
      ['seq', (r) => r.seq],
      ['id', (r) => r.id],
      ['occurred_at', (r) => r.occurredAt],
      ['actor_type', (r) => r.actorType],
      ['actor', (r) => r.actorLabel],
      ['action', (r) => r.action],
      ['entity_type', (r) => r.entityType],
      ['entity_id', (r) => r.entityId],
      ['before', (r) => r.before],
      ['after', (r) => r.after],
      ['hash', (r) => r.hash],
    ],
  }),
  ...WHOLE_EXPORT_LISTS,
} satisfies Record<string, ExportList>;

export type ExportListName = keyof typeof EXPORT_LISTS;
export const EXPORT_LIST_NAMES = Object.keys(EXPORT_LISTS) as ExportListName[];
