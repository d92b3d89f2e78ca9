import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { PersonBaseline } from '@/server/domain/detectors/baseline';
import {
  LEARNABLE_KINDS,
  learnedRoutine,
  type RoutineCandidate,
} from '@/server/domain/detectors/learned-routine';
import type { OrgContext, PersonContext, SignalKind } from '@/server/domain/detectors/types';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/** How far back an untriaged first occurrence is still worth explaining. */
const LOOKBACK_DAYS = 60;

/**
 * Marks the open or acknowledged signals that the baseline now shows to be a routine's first
 * occurrences (docs/DETECTORS.md §Routines): `stats.learnedRoutine` says which routine, the status
 * is left alone (a learned routine explains, a human decides), and risk counts them at a
 * fraction (docs/RISK.md §Decay). Only the people this run judged are looked at, in one read;
 * each mark is one keyed update. Returns how many were marked.
 */
export async function markLearnedRoutines(
  tx: Tx,
  orgId: string,
  baselines: ReadonlyMap<string, PersonBaseline>,
  people: readonly PersonContext[],
  org: OrgContext,
  until: Date,
): Promise<number> {
  if (people.length === 0) return 0;
  const byId = new Map(people.map((p) => [p.id, p]));
  const since = new Date(until.getTime() - LOOKBACK_DAYS * 86_400_000);
  const rows = rowsOf<{
    id: string;
    person_id: string;
    kind: SignalKind;
    window_start: Date | string;
    stats: Record<string, unknown>;
  }>(
    await tx.execute(sql`
      select id, person_id, kind, window_start, stats from signals
      where org_id = ${orgId}
        and kind in (${sql.join(
          LEARNABLE_KINDS.map((k) => sql`${k}`),
          sql`, `,
        )})
        and status in ('open', 'acknowledged')
        and window_end >= ${since.toISOString()}::timestamptz
        and not (stats ? 'learnedRoutine')
        and person_id = any(${sql.param([...byId.keys()])}::text[]::uuid[])`),
  );
  let marked = 0;
  for (const r of rows) {
    const person = byId.get(r.person_id);
    const baseline = baselines.get(r.person_id);
    if (!person || !baseline) continue;
    const candidate: RoutineCandidate = {
      id: r.id,
      kind: r.kind,
      windowStart: new Date(r.window_start),
      stats: r.stats,
    };
    const learned = learnedRoutine(candidate, person, baseline, org);
    if (!learned) continue;
    await tx.execute(sql`
      update signals set
        stats = stats || jsonb_build_object('learnedRoutine', ${learned.wording}::text,
          'learnedRoutineAt', ${until.toISOString()}::text),
        updated_at = now()
      where org_id = ${orgId} and id = ${r.id}`);
    marked++;
  }
  return marked;
}
