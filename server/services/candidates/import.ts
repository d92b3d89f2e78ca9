import { and, eq, inArray } from 'drizzle-orm';
import { candidates, people } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import {
  mapCandidateCells,
  readCandidateCsv,
  type CandidateFormat,
  type CandidateProfile,
} from '@/server/domain/candidates/ats-formats';
import { appendAudit } from '@/server/services/audit/log';
import { importPeople } from '@/server/services/import/people';
import type { ImportActor, RowAction, Rows } from '@/server/services/import/row-helpers';
import type { ImportReport } from '@/server/services/import/run';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { UserFacingError } from '@/server/services/shared/errors';

export interface CandidateImportReport extends Omit<ImportReport, 'kind'> {
  kind: 'candidates';
  format: CandidateFormat;
  /** Columns of an ATS export Vigil does not read. */
  ignoredColumns: string[];
}

class DryRunRollback extends Error {}

/**
 * Imports candidates (docs/IMPORTS.md §candidates) in one transaction: each row becomes a person
 * of type candidate through the people import (identifiers, screening, identity reuse), plus their
 * hiring record. A row naming someone already on staff is rejected: a candidate import never
 * demotes an employee.
 */
export async function importCandidates(
  actor: ImportActor,
  format: CandidateFormat,
  text: string,
  options: { dryRun: boolean },
): Promise<CandidateImportReport> {
  const table = readCandidateCsv(text, format);
  if (!table.ok) throw new UserFacingError('BAD_REQUEST', table.error);
  const report: CandidateImportReport = {
    kind: 'candidates',
    format,
    dryRun: options.dryRun,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rows: [],
    ignoredColumns: table.ignored ?? [],
  };
  const accepted = new Map<string, number>();
  const record = (
    line: number,
    key: string,
    action: RowAction,
    changes: string[] = [],
    reason?: string,
  ) => {
    report.rows.push({ line, key, action, changes, ...(reason ? { reason } : {}) });
    if (action === 'reject') report.rejected.push({ line, reason: reason ?? 'rejected' });
    else {
      accepted.set(key, line);
      if (action === 'create') report.created += 1;
      else if (action === 'update') report.updated += 1;
      else report.unchanged += 1;
    }
  };
  try {
    await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
      const staff = new Map(
        (
          await tx
            .select({ email: people.email, type: people.type })
            .from(people)
            .where(eq(people.orgId, actor.orgId))
        ).map((p) => [p.email, p.type]),
      );
      const rows: Rows = [];
      const profiles = new Map<string, CandidateProfile>();
      for (const { line, cells } of table.rows) {
        const mapped = mapCandidateCells(cells);
        const key = cells.email?.trim() || `line ${line}`;
        if (!mapped.ok) {
          record(line, key, 'reject', [], mapped.reason);
          continue;
        }
        const email = mapped.person.email!.toLowerCase();
        const type = staff.get(email);
        if (type && type !== 'candidate') {
          record(
            line,
            key,
            'reject',
            [],
            `${email} is already a person of type ${type}, not a candidate`,
          );
          continue;
        }
        rows.push({ line, cells: mapped.person });
        profiles.set(email, mapped.profile);
      }
      const before = report.rows.length;
      report.newMatches = await importPeople(tx, actor, rows, record);
      // Hiring records for the rows the people import took.
      const taken = report.rows
        .slice(before)
        .filter((r) => r.action !== 'reject')
        .map((r) => r.key);
      const ids = taken.length
        ? await tx
            .select({ id: people.id, email: people.email })
            .from(people)
            .where(and(eq(people.orgId, actor.orgId), inArray(people.email, taken)))
        : [];
      for (const { id, email } of ids) {
        const p = profiles.get(email);
        if (!p) continue;
        const values = {
          stage: p.stage,
          role: p.role,
          recruiter: p.recruiter,
          source: format,
          atsId: p.atsId,
          appliedOn: p.appliedOn,
          shippingAddress: p.shippingAddress,
          shippingCountry: p.shippingCountry,
          updatedAt: new Date(),
        };
        await tx
          .insert(candidates)
          .values({ orgId: actor.orgId, personId: id, ...values })
          .onConflictDoUpdate({ target: [candidates.orgId, candidates.personId], set: values });
      }
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'import.candidates',
        entityType: 'import',
        entityId: null,
        after: {
          format,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected.length,
        },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!options.dryRun && report.created + report.updated > 0)
    await requestRiskRecompute(actor.orgId);
  report.rows.sort((a, b) => a.line - b.line);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
