import { sql } from 'drizzle-orm';
import { postgresTransactionClient, type Tx } from '@/db/client';
import type { Signal } from '@/server/domain/detectors/types';
import { recordSignalEvents } from '@/server/services/outbound/events';
import { copyIntoStaging } from '@/server/services/shared/copy-rows';
import { isUniqueViolation, rowsOf } from '@/server/services/shared/sql-helpers';

export type SignalCounts = Record<string, { created: number; updated: number }>;

const COLUMNS = [
  ['kind', 'text'],
  ['person_id', 'uuid'],
  ['vendor_id', 'uuid'],
  ['severity', 'text'],
  ['window_start', 'timestamptz'],
  ['window_end', 'timestamptz'],
  ['dedupe_key', 'text'],
  ['explanation', 'text'],
  ['evidence', 'uuid[]'],
  ['stats', 'jsonb'],
] as const;
const NAMES = COLUMNS.map(([c]) => c).join(', ');

const INSERT = `insert into signals (org_id, ${NAMES.replace('evidence', 'evidence_event_ids')},
  detector_version)`;
// A re-run refreshes evidence but never reopens a triaged signal (status is left alone).
const ON_CONFLICT = `on conflict (org_id, dedupe_key) do update set
  severity = excluded.severity, window_start = excluded.window_start,
  window_end = excluded.window_end, explanation = excluded.explanation,
  evidence_event_ids = excluded.evidence_event_ids, stats = excluded.stats,
  detector_version = excluded.detector_version, updated_at = now()
  returning id, kind, dedupe_key, (xmax = 0) as inserted`;

const ROWS_PER_STATEMENT = 10_000;

type Written = { id: string; kind: string; dedupe_key: string; inserted: boolean };

/**
 * Upserts detector findings on their stable key. PostgreSQL: COPY into a temporary table, then
 * one insert … select per 10,000 (building and binding column arrays cost the driver ~2 s per
 * 70,000 signals, docs/BENCHMARKS.md). PGlite: the same statement over unnest of text arrays.
 * A key found twice in one run keeps its last finding, as sequential upserts would.
 */
export async function upsertDetectedSignals(
  tx: Tx,
  orgId: string,
  found: readonly Signal[],
  vendorOf: ReadonlyMap<string, string | null>,
  detectorVersion: string,
): Promise<SignalCounts> {
  const latest = new Map<string, Signal>();
  const seen = new Map<string, number>();
  for (const s of found) {
    latest.set(s.dedupeKey, s);
    seen.set(s.dedupeKey, (seen.get(s.dedupeKey) ?? 0) + 1);
  }
  const rows = [...latest.values()].map((s) => [
    s.kind,
    s.personId,
    vendorOf.get(s.personId) ?? null,
    s.severity,
    s.windowStart.toISOString(),
    s.windowEnd.toISOString(),
    s.dedupeKey,
    s.explanation,
    `{${s.evidenceEventIds.join(',')}}`,
    JSON.stringify(s.stats),
  ]);
  const client = postgresTransactionClient(tx);
  const counts: SignalCounts = {};
  const created: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const part = rows.slice(i, i + ROWS_PER_STATEMENT);
    let written: Written[];
    if (client) {
      await copyIntoStaging(client, 'signal_staging', COLUMNS, part);
      const select = `select $1::uuid, ${NAMES}, $2 from signal_staging`;
      // A first run finds only new signals, and a plain insert skips ON CONFLICT's speculative
      // insertion; a re-run hits a key, and the savepoint undoes just that statement.
      try {
        written = await client.savepoint((sp) =>
          sp.unsafe<Written[]>(
            `${INSERT} ${select} returning id, kind, dedupe_key, true as inserted`,
            [orgId, detectorVersion],
          ),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        written = await client.unsafe<Written[]>(`${INSERT} ${select} ${ON_CONFLICT}`, [
          orgId,
          detectorVersion,
        ]);
      }
      await client.unsafe('truncate signal_staging');
    } else {
      const arrays = COLUMNS.map((_, c) => sql`${sql.param(part.map((r) => r[c]!))}::text[]`);
      const casts = sql.raw(COLUMNS.map(([name, type]) => `t.${name}::${type}`).join(', '));
      written = rowsOf<Written>(
        await tx.execute(sql`${sql.raw(INSERT)} select ${orgId}::uuid, ${casts}, ${detectorVersion}
          from unnest(${sql.join(arrays, sql`, `)}) as t(${sql.raw(NAMES)}) ${sql.raw(ON_CONFLICT)}`),
      );
    }
    for (const row of written) {
      const c = (counts[row.kind] ??= { created: 0, updated: 0 });
      const times = seen.get(row.dedupe_key) ?? 1;
      // Sequential upserts would have created the first and updated each repeat.
      c.created += row.inserted ? 1 : 0;
      if (row.inserted) created.push(row.id);
      c.updated += times - (row.inserted ? 1 : 0);
    }
  }
  // Only new signals go out; a re-run's refreshed evidence is not news (docs/INTEGRATIONS.md §Events).
  await recordSignalEvents(tx, orgId, 'signal.created', created);
  return counts;
}
