import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { watchlistEntries } from '@/db/schema';
import { mapWatchlistRow } from '@/server/domain/import/rows';
import { appendAudit } from '@/server/services/audit/log';
import { raiseIdentityReuse } from '@/server/services/screening/identity-reuse';
import { rescreen } from '@/server/services/screening/matches';
import { acceptedRows, changed, type ImportActor, type Recorder, type Rows } from './row-helpers';

export async function importWatchlist(
  tx: Tx,
  actor: ImportActor,
  rows: Rows,
  record: Recorder,
): Promise<number> {
  const existing = await tx
    .select()
    .from(watchlistEntries)
    .where(eq(watchlistEntries.orgId, actor.orgId));
  const byKey = new Map(
    existing.map((e) => [`${e.source.toLowerCase()}|${e.name.toLowerCase()}`, e]),
  );
  let changedAny = false;
  const entryKey = (r: { source: string; name: string }) =>
    `${r.source.toLowerCase()}|${r.name.toLowerCase()}`;
  for (const { line, row } of acceptedRows(
    rows,
    record,
    (cells) => mapWatchlistRow(cells, 'manual'),
    'name',
    entryKey,
    'entry',
  )) {
    const k = entryKey(row);
    const identifiers = row.identifiers.map(({ kind, value }) => ({ kind, value }));
    const next = {
      name: row.name,
      source: row.source,
      aliases: row.aliases,
      identifiers,
      notes: row.notes ?? null,
    };
    const current = byKey.get(k);
    if (!current) {
      const [created] = await tx
        .insert(watchlistEntries)
        .values({ orgId: actor.orgId, ...next })
        .returning({ id: watchlistEntries.id });
      await appendAudit(tx, {
        orgId: actor.orgId,
        actor: actor.audit,
        action: 'watchlist.entry_imported',
        entityType: 'watchlist_entry',
        entityId: created!.id,
        after: next,
        requestId: actor.requestId,
        ip: actor.ip,
      });
      record(line, row.name, 'create');
      changedAny = true;
      continue;
    }
    const changes = changed(current as unknown as Record<string, unknown>, next);
    if (!changes.length) {
      record(line, row.name, 'unchanged');
      continue;
    }
    await tx
      .update(watchlistEntries)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(watchlistEntries.orgId, actor.orgId), eq(watchlistEntries.id, current.id)));
    await appendAudit(tx, {
      orgId: actor.orgId,
      actor: actor.audit,
      action: 'watchlist.entry_imported',
      entityType: 'watchlist_entry',
      entityId: current.id,
      before: Object.fromEntries(
        changes.map((c) => [c, (current as unknown as Record<string, unknown>)[c]]),
      ),
      after: Object.fromEntries(changes.map((c) => [c, (next as Record<string, unknown>)[c]])),
      requestId: actor.requestId,
      ip: actor.ip,
    });
    record(line, row.name, 'update', changes);
    changedAny = true;
  }
  // A new or changed list re-screens everyone, and checks identifiers people share with it.
  if (!changedAny) return 0;
  const screened = await rescreen(tx, actor.orgId, actor.audit);
  await raiseIdentityReuse(tx, actor.orgId, actor.audit);
  return screened.newMatches;
}
