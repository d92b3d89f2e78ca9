import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { withSystem } from '@/db/tenant';
import type { NormalizedEvent } from '@/server/domain/ingest/event';
import { rowsOf } from './sql-helpers';

/** `kind:value`, lower-cased: how events and actor identities name an actor. */
export function actorKeyOf(kind: string, value: string): string {
  return `${kind}:${value.trim().toLowerCase()}`;
}

/** A text[] parameter (postgres.js types other arrays badly; casts happen in SQL). */
function texts(values: (string | null)[]): SQL {
  return sql`${sql.param(values)}::text[]`;
}

function monthStart(d: Date): string {
  return `${d.toISOString().slice(0, 7)}-01`;
}

/** Creates the monthly partitions a chunk needs, as the owner, before the tenant transaction. */
export async function ensureEventPartitions(events: readonly NormalizedEvent[]): Promise<void> {
  const months = [...new Set(events.map((e) => monthStart(e.occurredAt)))];
  if (months.length === 0) return;
  await withSystem(async (tx) => {
    for (const m of months) await tx.execute(sql`select vigil_ensure_event_partition(${m}::date)`);
  });
}

export interface ResolvedChunk {
  personByKey: Map<string, string>;
  systemIdByName: Map<string, string>;
}

/**
 * Resolves every actor key in a chunk to a person in two set-based lookups: identities an admin
 * decided (linked or marked service account), then the people's own typed identifiers.
 */
export async function resolveChunk(
  tx: Tx,
  orgId: string,
  events: readonly NormalizedEvent[],
): Promise<ResolvedChunk> {
  const keys = new Set<string>();
  const systemNames = new Set<string>();
  for (const e of events) {
    keys.add(actorKeyOf(e.actorKind, e.actor));
    for (const a of e.actorAlternates) keys.add(actorKeyOf(a.kind, a.value));
    systemNames.add(e.system.toLowerCase());
  }
  const keyList = [...keys];
  const personByKey = new Map<string, string>();
  const decided = rowsOf<{ actor_key: string; person_id: string | null; status: string }>(
    await tx.execute(sql`
      select actor_key, person_id, status from actor_identities
      where org_id = ${orgId} and status <> 'unresolved' and actor_key = any(${texts(keyList)})`),
  );
  const serviceAccounts = new Set<string>();
  for (const d of decided) {
    if (d.status === 'resolved' && d.person_id) personByKey.set(d.actor_key, d.person_id);
    else if (d.status === 'service_account') serviceAccounts.add(d.actor_key);
  }
  const identified = rowsOf<{ key: string; person_id: string }>(
    await tx.execute(sql`
      select lower(kind || ':' || value) as key, person_id from person_identifiers
      where org_id = ${orgId} and lower(kind || ':' || value) = any(${texts(keyList)})`),
  );
  for (const i of identified)
    if (!personByKey.has(i.key) && !serviceAccounts.has(i.key)) personByKey.set(i.key, i.person_id);
  // A system is known by its name or by an alias the logs use (Okta app label, AWS account).
  const systemRows = rowsOf<{ id: string; name: string }>(
    await tx.execute(sql`
      select id, lower(name) as name from systems
      where org_id = ${orgId} and lower(name) = any(${texts([...systemNames])})
      union all
      select s.id, lower(a) from systems s, unnest(s.aliases) a
      where s.org_id = ${orgId} and lower(a) = any(${texts([...systemNames])})`),
  );
  return {
    personByKey,
    systemIdByName: new Map(systemRows.map((s) => [s.name, s.id])),
  };
}

/** The person an event belongs to: its actor, else the first alternate identifier that resolves. */
export function personFor(e: NormalizedEvent, resolved: ResolvedChunk): string | null {
  const primary = resolved.personByKey.get(actorKeyOf(e.actorKind, e.actor));
  if (primary) return primary;
  for (const a of e.actorAlternates) {
    const p = resolved.personByKey.get(actorKeyOf(a.kind, a.value));
    if (p) return p;
  }
  return null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (n: number | null) => (n === null ? null : String(n));

/** The identity of an event in its source: what dedupes re-ingested events. */
export function sourceKeyOf(e: NormalizedEvent): string {
  return `${e.source}\u0000${e.sourceEventId}`;
}

/**
 * Writes a chunk in one set-based statement (unnest of column arrays, on PGlite and PostgreSQL
 * alike); a source event id already stored is skipped, so re-ingesting adds nothing. Returns the
 * source keys of the events inserted.
 */
export async function insertEventChunk(
  tx: Tx,
  orgId: string,
  batchId: string,
  events: readonly NormalizedEvent[],
  resolved: ResolvedChunk,
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const col = <T>(f: (e: NormalizedEvent) => T) => events.map(f);
  const result = await tx.execute(sql`
    insert into access_events (org_id, occurred_at, source, source_event_id, batch_id, person_id,
      actor_key, actor, system_id, system_name, action, resource, record_count, ticket_id, ip,
      country, city, lat, lon, device_id, user_agent, session_id, outcome, is_proxy, raw)
    select ${orgId}::uuid, t.occurred_at::timestamptz, t.source, t.source_event_id, ${batchId}::uuid,
      t.person_id::uuid, t.actor_key, t.actor, t.system_id::uuid, t.system_name, t.action, t.resource,
      t.record_count::integer, t.ticket_id, t.ip, t.country, t.city, t.lat::double precision,
      t.lon::double precision, t.device_id, t.user_agent, t.session_id, t.outcome,
      coalesce(t.is_proxy::boolean, false), t.raw::jsonb
    from unnest(
      ${texts(col((e) => e.occurredAt.toISOString()))}, ${texts(col((e) => e.source))},
      ${texts(col((e) => e.sourceEventId))}, ${texts(col((e) => personFor(e, resolved)))},
      ${texts(col((e) => actorKeyOf(e.actorKind, e.actor)))}, ${texts(col((e) => e.actor))},
      ${texts(col((e) => resolved.systemIdByName.get(e.system.toLowerCase()) ?? null))},
      ${texts(col((e) => e.system))}, ${texts(col((e) => e.action))}, ${texts(col((e) => e.resource))},
      ${texts(col((e) => String(e.recordCount)))}, ${texts(col((e) => e.ticketId))},
      ${texts(col((e) => e.ip))}, ${texts(col((e) => e.country))}, ${texts(col((e) => e.city))},
      ${texts(col((e) => num(e.lat)))}, ${texts(col((e) => num(e.lon)))},
      ${texts(col((e) => e.deviceId))}, ${texts(col((e) => e.userAgent))},
      ${texts(col((e) => e.sessionId))}, ${texts(col((e) => e.outcome))},
      ${texts(col((e) => (e.isProxy === null ? null : String(e.isProxy))))},
      ${texts(col((e) => JSON.stringify(e.raw)))}
    ) as t(occurred_at, source, source_event_id, person_id, actor_key, actor, system_id,
      system_name, action, resource, record_count, ticket_id, ip, country, city, lat, lon,
      device_id, user_agent, session_id, outcome, is_proxy, raw)
    on conflict (org_id, source, source_event_id, occurred_at) do nothing
    returning source, source_event_id`);
  return new Set(
    rowsOf<{ source: string; source_event_id: string }>(result).map(
      (r) => `${r.source}\u0000${r.source_event_id}`,
    ),
  );
}

/**
 * Counts each actor in the events just inserted (never duplicates, so counts survive re-ingest),
 * creating unresolved identities for new ones. Returns how many of them remain unresolved.
 */
export async function recordActors(
  tx: Tx,
  orgId: string,
  events: readonly NormalizedEvent[],
  resolved: ResolvedChunk,
): Promise<number> {
  const byKey = new Map<
    string,
    {
      kind: string;
      value: string;
      first: Date;
      last: Date;
      n: number;
      source: string;
      person: string | null;
    }
  >();
  for (const e of events) {
    const key = actorKeyOf(e.actorKind, e.actor);
    const cur = byKey.get(key);
    if (cur) {
      cur.n += 1;
      if (e.occurredAt < cur.first) cur.first = e.occurredAt;
      if (e.occurredAt > cur.last) cur.last = e.occurredAt;
    } else
      byKey.set(key, {
        kind: e.actorKind,
        value: e.actor.trim().toLowerCase(),
        first: e.occurredAt,
        last: e.occurredAt,
        n: 1,
        source: e.source,
        person: personFor(e, resolved),
      });
  }
  const rows = [...byKey.entries()];
  // A key matched through the people's identifiers is recorded as resolved to that person.
  await tx.execute(sql`
    insert into actor_identities (org_id, actor_key, kind, value, status, person_id,
      first_seen_at, last_seen_at, event_count, sources)
    select ${orgId}::uuid, t.k, t.kind, t.value,
      case when t.person is null then 'unresolved' else 'resolved' end, t.person::uuid,
      t.first::timestamptz, t.last::timestamptz, t.n::bigint, array[t.source]
    from unnest(${texts(rows.map(([k]) => k))}, ${texts(rows.map(([, r]) => r.kind))},
      ${texts(rows.map(([, r]) => r.value))}, ${texts(rows.map(([, r]) => r.person))},
      ${texts(rows.map(([, r]) => iso(r.first)))}, ${texts(rows.map(([, r]) => iso(r.last)))},
      ${texts(rows.map(([, r]) => String(r.n)))}, ${texts(rows.map(([, r]) => r.source))})
      as t(k, kind, value, person, first, last, n, source)
    on conflict (org_id, actor_key) do update set
      first_seen_at = least(actor_identities.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(actor_identities.last_seen_at, excluded.last_seen_at),
      event_count = actor_identities.event_count + excluded.event_count,
      sources = (select array_agg(distinct s) from unnest(actor_identities.sources || excluded.sources) s),
      status = case when actor_identities.status = 'unresolved' and excluded.person_id is not null
        then 'resolved' else actor_identities.status end,
      person_id = coalesce(actor_identities.person_id, excluded.person_id)`);
  return rows.filter(([, r]) => r.person === null).length;
}
