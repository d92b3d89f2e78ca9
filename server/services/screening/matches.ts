import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, personIdentifiers, watchlistEntries, watchlistMatches } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import type { ReviewMatchInput } from '@/server/domain/screening/inputs';
import {
  matchSeverity,
  screenPeople,
  type WatchlistEntryForMatching,
} from '@/server/domain/screening/match';
import { appendAudit, userActor, type AuditActor } from '@/server/services/audit/log';
import { thenRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import {
  dismissProductSignal,
  upsertProductSignal,
} from '@/server/services/signals/product-signals';

export interface ScreeningRun {
  screened: number;
  newMatches: number;
}

/**
 * Re-screens people (all, or the ones given) against the organization's whole watchlist inside
 * the caller's transaction. New candidates open for review; a pair already reviewed keeps its
 * decision (its evidence is refreshed), so a re-import never reopens a false positive.
 */
export async function rescreen(
  tx: Tx,
  orgId: string,
  actor: AuditActor,
  personIds?: string[],
): Promise<ScreeningRun> {
  if (personIds && personIds.length === 0) return { screened: 0, newMatches: 0 };
  const peopleRows = await tx
    .select({ id: people.id, fullName: people.fullName, vendorId: people.vendorId })
    .from(people)
    .where(
      personIds
        ? and(eq(people.orgId, orgId), inArray(people.id, personIds))
        : eq(people.orgId, orgId),
    );
  if (peopleRows.length === 0) return { screened: 0, newMatches: 0 };
  const ids = await tx
    .select({
      personId: personIdentifiers.personId,
      kind: personIdentifiers.kind,
      value: personIdentifiers.value,
    })
    .from(personIdentifiers)
    .where(
      personIds
        ? and(eq(personIdentifiers.orgId, orgId), inArray(personIdentifiers.personId, personIds))
        : eq(personIdentifiers.orgId, orgId),
    );
  const idsByPerson = new Map<string, { kind: string; value: string }[]>();
  for (const i of ids)
    idsByPerson.set(i.personId, [
      ...(idsByPerson.get(i.personId) ?? []),
      { kind: i.kind, value: i.value },
    ]);
  const entries = await tx
    .select({
      id: watchlistEntries.id,
      name: watchlistEntries.name,
      source: watchlistEntries.source,
      aliases: watchlistEntries.aliases,
      identifiers: watchlistEntries.identifiers,
    })
    .from(watchlistEntries)
    .where(eq(watchlistEntries.orgId, orgId));
  const candidates = screenPeople(
    peopleRows.map((p) => ({ ...p, identifiers: idsByPerson.get(p.id) ?? [] })),
    entries as WatchlistEntryForMatching[],
  );
  let newMatches = 0;
  for (const c of candidates) {
    const [row] = await tx
      .insert(watchlistMatches)
      .values({
        orgId,
        personId: c.personId,
        entryId: c.entryId,
        matchedOn: c.matchedOn,
        similarity: c.similarity,
      })
      .onConflictDoUpdate({
        target: [watchlistMatches.orgId, watchlistMatches.personId, watchlistMatches.entryId],
        set: { matchedOn: c.matchedOn, similarity: c.similarity, updatedAt: new Date() },
      })
      .returning({ id: watchlistMatches.id, inserted: sql<boolean>`(xmax = 0)` });
    if (row?.inserted) {
      newMatches += 1;
      const person = peopleRows.find((p) => p.id === c.personId)!;
      const entry = entries.find((e) => e.id === c.entryId)!;
      // A candidate match is a signal in the queue too (docs/PRODUCT.md §Screening and watchlists).
      await upsertProductSignal(tx, orgId, {
        kind: 'watchlist_match',
        personId: c.personId,
        vendorId: person.vendorId,
        // By strength: an exact strong identifier is critical, name similarity alone medium
        // (docs/RISK.md §Watchlist matches).
        severity: matchSeverity(c.matchedOn),
        dedupeKey: `watchlist_match:${row.id}`,
        explanation: `${person.fullName} matches the watchlist entry "${entry.name}" (${entry.source}) on ${c.matchedOn.join(', ')}, similarity ${Math.round(c.similarity * 100)}%. Review it on the screening page.`,
        stats: {
          entry: entry.name,
          source: entry.source,
          similarity: Math.round(c.similarity * 1000) / 1000,
        },
        at: new Date(),
      });
      await appendAudit(tx, {
        orgId,
        actor,
        action: 'screening.match_found',
        entityType: 'watchlist_match',
        entityId: row.id,
        after: {
          personId: c.personId,
          entryId: c.entryId,
          matchedOn: c.matchedOn,
          similarity: c.similarity,
        },
        requestId: null,
        ip: null,
      });
    }
  }
  await tx
    .update(people)
    .set({ lastScreenedAt: new Date() })
    .where(
      personIds
        ? and(eq(people.orgId, orgId), inArray(people.id, personIds))
        : eq(people.orgId, orgId),
    );
  return { screened: peopleRows.length, newMatches };
}

/** Recomputes risk after the change commits (the scores read what it changed). */
export async function reviewMatch(actor: OrgActor, input: ReviewMatchInput) {
  return thenRecompute(actor.orgId, reviewMatchNow(actor, input));
}

async function reviewMatchNow(actor: OrgActor, { matchId, decision, reason }: ReviewMatchInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [before] = await tx
      .select()
      .from(watchlistMatches)
      .where(and(eq(watchlistMatches.orgId, actor.orgId), eq(watchlistMatches.id, matchId)))
      .for('update');
    if (!before) throw new UserFacingError('NOT_FOUND', 'No such watchlist match.');
    if (before.status === decision)
      throw new UserFacingError('CONFLICT', `The match is already ${decision.replace('_', ' ')}.`);
    await tx
      .update(watchlistMatches)
      .set({
        status: decision,
        reviewedBy: actor.userId,
        reviewedAt: new Date(),
        reviewReason: reason,
        updatedAt: new Date(),
      })
      .where(and(eq(watchlistMatches.orgId, actor.orgId), eq(watchlistMatches.id, matchId)));
    // The match's signal follows the review: confirmed is critical, a false positive is dismissed.
    if (decision === 'false_positive')
      await dismissProductSignal(
        tx,
        actor.orgId,
        `watchlist_match:${matchId}`,
        `Reviewed as a false positive: ${reason}`,
        actor.userId,
      );
    else
      await tx.execute(
        sql`update signals set severity = 'critical', updated_at = now() where org_id = ${actor.orgId} and dedupe_key = ${`watchlist_match:${matchId}`}`,
      );
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: userActor(actor),
      action: `screening.match_${decision}`,
      entityType: 'watchlist_match',
      entityId: matchId,
      before: { status: before.status },
      after: { status: decision, reason },
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return { status: decision };
  });
}
