import { and, eq } from 'drizzle-orm';
import { watchlistEntries } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { Rejection } from '@/server/domain/indicators/feed';
import type { ImportIndicatorsInput } from '@/server/domain/indicators/inputs';
import { parseIndicatorFile } from '@/server/domain/indicators/parse-file';
import { appendAudit } from '@/server/services/audit/log';
import type { ImportActor } from '@/server/services/import/row-helpers';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { raiseIdentityReuse } from '@/server/services/screening/identity-reuse';
import { rescreen } from '@/server/services/screening/matches';

export interface IndicatorImportReport {
  format: 'stix' | 'misp';
  dryRun: boolean;
  created: number;
  /** Entries that gained identifiers or aliases. */
  updated: number;
  /** Entries already on the watchlist with everything the file says. */
  duplicates: number;
  ignored: number;
  rejected: Rejection[];
  newMatches: number;
  entries: {
    ref: string;
    source: string;
    name: string;
    action: 'create' | 'update' | 'duplicate';
  }[];
}

class DryRunRollback extends Error {}

const idKey = (i: { kind: string; value: string }) => `${i.kind}:${i.value}`;

/**
 * Imports a STIX 2.1 bundle or MISP event as watchlist entries (docs/IMPOSTORS.md §Importing
 * indicators). All or nothing: a file with any rejected object writes nothing, so a fixed file
 * can be imported again without half of it already there. A change re-screens everyone, like a
 * watchlist CSV import.
 */
export async function importIndicators(
  actor: ImportActor,
  input: ImportIndicatorsInput,
): Promise<IndicatorImportReport> {
  const feed = parseIndicatorFile(input.text, input.source);
  const report: IndicatorImportReport = {
    format: feed.format,
    dryRun: input.dryRun,
    created: 0,
    updated: 0,
    duplicates: 0,
    ignored: feed.ignored,
    rejected: feed.rejected,
    newMatches: 0,
    entries: [],
  };
  if (feed.rejected.length) return report;
  let changed = false;
  try {
    await withTenant({ orgId: actor.orgId, userId: actor.userId }, async (tx) => {
      const existing = await tx
        .select()
        .from(watchlistEntries)
        .where(eq(watchlistEntries.orgId, actor.orgId));
      const byKey = new Map(
        existing.map((e) => [`${e.source.toLowerCase()}|${e.name.toLowerCase()}`, e]),
      );
      for (const entry of feed.entries) {
        const current = byKey.get(`${entry.source.toLowerCase()}|${entry.name.toLowerCase()}`);
        if (!current) {
          const [created] = await tx
            .insert(watchlistEntries)
            .values({
              orgId: actor.orgId,
              source: entry.source,
              name: entry.name,
              aliases: entry.aliases,
              identifiers: entry.identifiers,
            })
            .returning({ id: watchlistEntries.id });
          await appendAudit(tx, {
            orgId: actor.orgId,
            actor: actor.audit,
            action: 'watchlist.entry_imported',
            entityType: 'watchlist_entry',
            entityId: created!.id,
            after: {
              source: entry.source,
              name: entry.name,
              ref: entry.ref,
              identifiers: entry.identifiers.length,
            },
            requestId: actor.requestId,
            ip: actor.ip,
          });
          report.created += 1;
          report.entries.push({
            ref: entry.ref,
            source: entry.source,
            name: entry.name,
            action: 'create',
          });
          continue;
        }
        const known = new Set(
          (current.identifiers as { kind: string; value: string }[]).map(idKey),
        );
        const newIds = entry.identifiers.filter((i) => !known.has(idKey(i)));
        const newAliases = entry.aliases.filter((a) => !current.aliases.includes(a));
        if (!newIds.length && !newAliases.length) {
          report.duplicates += 1;
          report.entries.push({
            ref: entry.ref,
            source: entry.source,
            name: entry.name,
            action: 'duplicate',
          });
          continue;
        }
        await tx
          .update(watchlistEntries)
          .set({
            identifiers: [...(current.identifiers as { kind: string; value: string }[]), ...newIds],
            aliases: [...current.aliases, ...newAliases],
            updatedAt: new Date(),
          })
          .where(and(eq(watchlistEntries.orgId, actor.orgId), eq(watchlistEntries.id, current.id)));
        await appendAudit(tx, {
          orgId: actor.orgId,
          actor: actor.audit,
          action: 'watchlist.entry_imported',
          entityType: 'watchlist_entry',
          entityId: current.id,
          before: { identifiers: known.size, aliases: current.aliases.length },
          after: {
            ref: entry.ref,
            addedIdentifiers: newIds.length,
            addedAliases: newAliases.length,
          },
          requestId: actor.requestId,
          ip: actor.ip,
        });
        report.updated += 1;
        report.entries.push({
          ref: entry.ref,
          source: entry.source,
          name: entry.name,
          action: 'update',
        });
      }
      changed = report.created + report.updated > 0;
      // A changed list re-screens everyone (docs/PRODUCT.md §Screening and watchlists).
      if (changed) {
        report.newMatches = (await rescreen(tx, actor.orgId, actor.audit)).newMatches;
        await raiseIdentityReuse(tx, actor.orgId, actor.audit);
      }
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'indicators.imported',
        entityType: 'watchlist',
        entityId: null,
        after: {
          format: feed.format,
          created: report.created,
          updated: report.updated,
          duplicates: report.duplicates,
          ignored: report.ignored,
        },
        requestId: actor.requestId,
        ip: actor.ip,
      });
      if (input.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (changed && !input.dryRun) await requestRiskRecompute(actor.orgId);
  return report;
}
