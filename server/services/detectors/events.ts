import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { postgresTransactionClient, type Tx } from '@/db/client';
import { isSensitiveAction } from '@/server/domain/detectors/sensitive-action';
import type { DetectorEvent } from '@/server/domain/detectors/types';
import { rowsOf } from '@/server/services/shared/sql-helpers';

/**
 * Reads the events a detection run needs, in time order, straight into DetectorEvents.
 *
 * A backfill reads a million rows, and materializing them (driver rows, then drizzle's mapped
 * objects, then detector events, all alive at once) made the garbage collector most of
 * detection's time (docs/BENCHMARKS.md). On PostgreSQL rows are therefore streamed as value
 * arrays (postgres.js `forEach`) and converted one at a time while the server keeps sending.
 * Strings that repeat across events (person, system, action, place, device, agent, IP, source) share one
 * instance: a day's events live until the day is judged, and fresh copies of those strings
 * surviving into the old generation cost more than the lookups (measured: ~2 s of 18 s).
 */
const COLUMNS = sql.raw(`id, person_id, (extract(epoch from occurred_at) * 1000)::float8 as t,
  system_name, action, resource, record_count, ticket_id, ip, country, city, lat, lon, device_id,
  user_agent, outcome = 'success' as succeeded, is_proxy, source`);

type EventValues = [
  id: string,
  personId: string,
  t: number,
  system: string | null,
  action: string,
  resource: string | null,
  recordCount: number,
  ticketId: string | null,
  ip: string | null,
  country: string | null,
  city: string | null,
  lat: number | null,
  lon: number | null,
  deviceId: string | null,
  userAgent: string | null,
  succeeded: boolean,
  isProxy: boolean,
  source: string,
  isNew: boolean,
];

const dialect = new PgDialect();

/** One shared instance per distinct value: a million events name a few thousand of each. */
class Interner {
  private readonly seen = new Map<string, string>();
  of<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.seen.get(value);
    if (known !== undefined) return known as T;
    this.seen.set(value, value);
    return value;
  }
}

export interface EventRange {
  orgId: string;
  /** Inclusive start and exclusive end of occurred_at. */
  from: Date;
  to: Date;
  /** True for the events this run judges; the rest only feed baselines. */
  isNew: SQL;
}

/** Calls `onEvent` for every resolved event in the range, oldest first. */
export async function forEachDetectorEvent(
  tx: Tx,
  range: EventRange,
  onEvent: (event: DetectorEvent, isNew: boolean) => void,
): Promise<void> {
  const query = sql`
    select ${COLUMNS}, (${range.isNew}) as is_new from access_events
    where org_id = ${range.orgId} and person_id is not null
      and occurred_at >= ${range.from.toISOString()}::timestamptz
      and occurred_at < ${range.to.toISOString()}::timestamptz
    order by occurred_at`;
  const shared = new Interner();
  const sensitiveAction = new Map<string, boolean>();
  const toEvent = (v: EventValues): DetectorEvent => {
    const action = shared.of(v[4]);
    const resource = v[5];
    let sensitive = sensitiveAction.get(action);
    if (sensitive === undefined) {
      sensitive = isSensitiveAction(action, null);
      sensitiveAction.set(action, sensitive);
    }
    if (!sensitive && resource !== null) sensitive = isSensitiveAction('', resource);
    return {
      id: v[0],
      personId: shared.of(v[1]),
      occurredAt: new Date(Math.floor(v[2])),
      system: shared.of(v[3]),
      action,
      resource,
      recordCount: v[6],
      ticketId: v[7],
      ip: shared.of(v[8]),
      country: shared.of(v[9]),
      city: shared.of(v[10]),
      lat: v[11],
      lon: v[12],
      deviceId: shared.of(v[13]),
      userAgent: shared.of(v[14]),
      outcome: v[15] ? 'success' : 'failure',
      isProxy: v[16],
      source: shared.of(v[17]),
      sensitive,
    };
  };

  const client = postgresTransactionClient(tx);
  if (client) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    await client
      .unsafe<EventValues[]>(text, params as never[])
      .values()
      .forEach((row) => {
        onEvent(toEvent(row as unknown as EventValues), (row as unknown as EventValues)[18]);
      });
    return;
  }
  // PGlite runs in this process: there is nothing to overlap with, so a plain read will do.
  for (const r of rowsOf<Record<string, unknown>>(await tx.execute(query))) {
    const v = [
      r.id,
      r.person_id,
      r.t,
      r.system_name,
      r.action,
      r.resource,
      r.record_count,
      r.ticket_id,
      r.ip,
      r.country,
      r.city,
      r.lat,
      r.lon,
      r.device_id,
      r.user_agent,
      r.succeeded,
      r.is_proxy,
      r.source,
      r.is_new,
    ] as EventValues;
    onEvent(toEvent(v), v[18]);
  }
}
