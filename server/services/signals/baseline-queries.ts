import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { people, signals } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { DEFAULT_THRESHOLDS } from '@/server/domain/detectors/defaults';
import { localTime, parseHhmm } from '@/server/domain/detectors/local-time';
import { SENSITIVE_SQL_PATTERNS } from '@/server/domain/detectors/sensitive-action';
import {
  addDays,
  BASELINE_DAYS,
  DAILY_METRICS,
  dailyMetricOf,
  personSeries,
  type DailyMetric,
} from '@/server/domain/signals/daily-baseline';
import type { SignalIdInput } from '@/server/domain/signals/inputs';
import { isTimeZone } from '@/server/domain/time-zone';
import { loadOrgSettings } from '@/server/services/access/facts';
import {
  loadInvestigationView,
  signalReadScope,
} from '@/server/services/privacy/investigation-view';
import { tenantOf, type OrgActor } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/**
 * Peers read at most: a vendor of thousands would make the chart's read follow the vendor's size.
 * Past it the peers' median and p99 come from the first this many members by id (said on the page).
 */
export const MAX_PEERS = 200;

/** One day's measure as SQL over `access_events e`, the member's zone being `m.tz`. */
function metricSql(metric: DailyMetric, workingHours: { start: string; end: string }): SQL {
  const sensitive = sql`(e.action ~* ${SENSITIVE_SQL_PATTERNS.action} or coalesce(e.resource, '') ~* ${SENSITIVE_SQL_PATTERNS.resource})`;
  switch (metric) {
    case 'records':
      return sql`sum(e.record_count)`;
    case 'sensitiveRecords':
      return sql`coalesce(sum(e.record_count) filter (where e.outcome = 'success' and ${sensitive}), 0)`;
    case 'unticketedSensitive':
      return sql`count(*) filter (where e.outcome = 'success' and e.ticket_id is null and ${sensitive})`;
    case 'offHoursEvents': {
      // An hour counts as working when its middle does (local-time.ts isWorkingHour).
      const minute = sql`(extract(hour from e.occurred_at at time zone m.tz)::int * 60 + 30)`;
      const s = parseHhmm(workingHours.start);
      const en = parseHhmm(workingHours.end);
      const working =
        s <= en
          ? sql`(${minute} >= ${s} and ${minute} < ${en})`
          : sql`(${minute} >= ${s} or ${minute} < ${en})`;
      return sql`count(*) filter (where not ${working})`;
    }
  }
}

/** The peer group the detectors use: same vendor, else same department and title. */
async function peerIds(
  tx: Tx,
  orgId: string,
  p: { id: string; vendorId: string | null; department: string | null; title: string | null },
): Promise<{ basis: 'vendor' | 'department and title'; ids: string[]; more: boolean } | null> {
  let where: SQL;
  let basis: 'vendor' | 'department and title';
  if (p.vendorId) {
    where = sql`vendor_id = ${p.vendorId}`;
    basis = 'vendor';
  } else if (p.department) {
    where = sql`vendor_id is null and department = ${p.department} and coalesce(title, '') = ${p.title ?? ''}`;
    basis = 'department and title';
  } else return null;
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select id from people where org_id = ${orgId} and id <> ${p.id} and ${where}
      order by id limit ${MAX_PEERS + 1}`),
  );
  return { basis, ids: rows.slice(0, MAX_PEERS).map((r) => r.id), more: rows.length > MAX_PEERS };
}

/**
 * The signal page's chart (docs/PRODUCT.md §Signals and triage): the person's daily measure over
 * the 30 days before the signal's day and on it, their median, and their peers' median and p99
 * over the same days. One set-based read over `access_events`, bounded twice: by time (31 days
 * plus a day either side for time zones, so only one or two monthly partitions are scanned) and
 * by person (the person and at most MAX_PEERS peers, each an index range on
 * (org_id, person_id, occurred_at)). No daily aggregate table holds per-person counts
 * (signal_daily_counts is per kind), so the days are summed here, in the database.
 */
export async function signalBaseline(actor: OrgActor, { signalId }: SignalIdInput) {
  return withTenant(tenantOf(actor), async (tx) => {
    const [row] = await tx
      .select({
        kind: signals.kind,
        stats: signals.stats,
        windowEnd: signals.windowEnd,
        person: {
          id: people.id,
          timezone: people.timezone,
          vendorId: people.vendorId,
          department: people.department,
          title: people.title,
        },
      })
      .from(signals)
      .innerJoin(people, and(eq(people.orgId, signals.orgId), eq(people.id, signals.personId)))
      .where(
        and(
          eq(signals.orgId, actor.orgId),
          eq(signals.id, signalId),
          signalReadScope(await loadInvestigationView(tx, actor), signals.personId),
        ),
      );
    if (!row) throw new UserFacingError('NOT_FOUND', 'No such signal.');
    const metric = dailyMetricOf(row.kind);
    if (!metric) return { type: 'none' as const };

    const tz = row.person.timezone && isTimeZone(row.person.timezone) ? row.person.timezone : null;
    const statsDay = (row.stats as Record<string, unknown>).day;
    const signalDay =
      typeof statsDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(statsDay)
        ? statsDay
        : localTime(row.windowEnd, tz).day;
    const first = addDays(signalDay, -BASELINE_DAYS);
    const from = `${addDays(first, -1)}T00:00:00Z`;
    const to = `${addDays(signalDay, 2)}T00:00:00Z`;
    const peers = await peerIds(tx, actor.orgId, row.person);
    const ids = [row.person.id, ...(peers?.ids ?? [])];
    const settings = await loadOrgSettings(tx, actor.orgId);
    const value = metricSql(metric, settings.workingHours);

    // Local days per member in their own zone, as the detectors count them; the UTC bounds are a
    // superset (no zone is more than 14 hours from UTC) that lets partitions and the index prune.
    const rows = rowsOf<{
      part: 'person' | 'peers';
      day: string | null;
      value: number | null;
      p50: number | null;
      p99: number | null;
      members: number | null;
    }>(
      await tx.execute(sql`
        with member as (
          select id, case when timezone is null then 'UTC' else timezone end as tz
          from people where org_id = ${actor.orgId} and id = any(${sql.param(ids)}::uuid[])
        ),
        daily as (
          select e.person_id, (e.occurred_at at time zone m.tz)::date as day, (${value})::float8 as value
          from access_events e join member m on m.id = e.person_id
          where e.org_id = ${actor.orgId} and e.person_id = any(${sql.param(ids)}::uuid[])
            and e.occurred_at >= ${from}::timestamptz and e.occurred_at < ${to}::timestamptz
          group by e.person_id, 2
        )
        select 'person' as part, day::text as day, value, null::float8 as p50, null::float8 as p99,
          null::int as members
        from daily where person_id = ${row.person.id} and day >= ${first}::date and day <= ${signalDay}::date
        union all
        -- Every member's active days before the signal's day, the person included, as the detectors'
        -- peer baselines pool them (docs/DETECTORS.md §Shape).
        select 'peers', null, null, percentile_cont(0.5) within group (order by value),
          percentile_cont(0.99) within group (order by value), count(distinct person_id)::int
        from daily where day >= ${first}::date and day < ${signalDay}::date`),
    );
    const own = personSeries(
      signalDay,
      rows
        .filter((r) => r.part === 'person' && r.day !== null)
        .map((r) => ({ day: r.day!, value: Number(r.value) })),
    );
    const pool = rows.find((r) => r.part === 'peers');
    const members = pool?.members ?? 0;
    // docs/DETECTORS.md §Hygiene: a peer group counts from 5 people with activity.
    const peerBaseline =
      peers && members >= DEFAULT_THRESHOLDS.minPeerGroupSize
        ? {
            basis: peers.basis,
            members,
            median: Number(pool!.p50),
            p99: Number(pool!.p99),
            sampled: peers.more,
          }
        : null;
    return {
      type: 'daily' as const,
      metric,
      ...DAILY_METRICS[metric],
      timezone: tz,
      signalDay,
      days: own.days,
      person: { median: own.median, activeDays: own.activeDays },
      peers: peerBaseline,
      peerGroup: peers ? { basis: peers.basis, activeMembers: members } : null,
    };
  });
}
