import { sql, type SQL } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import { postgresTransactionClient, type Tx } from '@/db/client';
import { withSystem } from '@/db/tenant';
import { MACHINE_ACTOR_KINDS, type NormalizedEvent } from '@/server/domain/ingest/event';
import { copyLinesIntoStaging, copyValue } from '@/server/services/shared/copy-rows';
import { isUniqueViolation, rowsOf } from '@/server/services/shared/sql-helpers';

/** `kind:value`, lower-cased: how events and actor identities name an actor. */
export function actorKeyOf(kind: string, value: string): string {
  return `${kind}:${value.trim().toLowerCase()}`;
}

/** A text[] parameter (postgres.js types other arrays badly; casts happen in SQL). */
function texts(values: (string | null)[]): SQL {
  return sql`${sql.param(values)}::text[]`;
}

/** The first day of an event's month, e.g. `2026-11-01`. */
function monthStart(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/**
 * Creates the monthly partitions a chunk needs, as the owner, before the tenant transaction.
 * `known` holds the months this run already ensured, so most chunks skip the extra transaction.
 */
export async function ensureEventPartitions(
  events: readonly NormalizedEvent[],
  known: Set<string> = new Set(),
): Promise<void> {
  // Months as numbers first: formatting a string per event cost more than the check itself.
  const seen = new Set<number>();
  for (const e of events) seen.add(e.occurredAt.getUTCFullYear() * 12 + e.occurredAt.getUTCMonth());
  const months = [...seen]
    .map((n) => monthStart(new Date(Date.UTC(Math.floor(n / 12), n % 12, 1))))
    .filter((m) => !known.has(m));
  if (months.length === 0) return;
  await withSystem(async (tx) => {
    for (const m of months) await tx.execute(sql`select vigil_ensure_event_partition(${m}::date)`);
  });
  for (const m of months) known.add(m);
}

export interface ResolvedChunk {
  personByKey: Map<string, string>;
  systemIdByName: Map<string, string>;
}

/**
 * What one ingest run remembers between chunks: the actors and systems it already resolved, and
 * the actors an admin marked service accounts, so a chunk looks up only what it has not met yet
 * (the same people recur chunk after chunk). Misses are not remembered: an unknown actor is
 * looked up again in the next chunk, so a link an admin makes mid-run applies from then on.
 */
export interface ResolutionCache extends ResolvedChunk {
  serviceAccounts: Set<string>;
}

export function newResolutionCache(): ResolutionCache {
  return { personByKey: new Map(), systemIdByName: new Map(), serviceAccounts: new Set() };
}

/**
 * Resolves every actor key in a chunk to a person in two set-based lookups: identities an admin
 * decided (linked or marked service account), then the people's own typed identifiers. Keys the
 * run's cache already holds are not looked up again.
 */
export async function resolveChunk(
  tx: Tx,
  orgId: string,
  events: readonly NormalizedEvent[],
  cache: ResolutionCache = newResolutionCache(),
): Promise<ResolvedChunk> {
  const keys = new Set<string>();
  const systemNames = new Set<string>();
  const unknownKey = (k: string) => !cache.personByKey.has(k) && !cache.serviceAccounts.has(k);
  for (const e of events) {
    const key = actorKeyOf(e.actorKind, e.actor);
    if (unknownKey(key)) keys.add(key);
    for (const a of e.actorAlternates) {
      const alt = actorKeyOf(a.kind, a.value);
      if (unknownKey(alt)) keys.add(alt);
    }
    const system = e.system.toLowerCase();
    if (!cache.systemIdByName.has(system)) systemNames.add(system);
  }
  if (keys.size > 0) await resolveActors(tx, orgId, [...keys], cache);
  if (systemNames.size > 0) {
    // A system is known by its name or by an alias the logs use (Okta app label, AWS account).
    const systemRows = rowsOf<{ id: string; name: string }>(
      await tx.execute(sql`
        select id, lower(name) as name from systems
        where org_id = ${orgId} and lower(name) = any(${texts([...systemNames])})
        union all
        select s.id, lower(a) from systems s, unnest(s.aliases) a
        where s.org_id = ${orgId} and lower(a) = any(${texts([...systemNames])})`),
    );
    for (const s of systemRows) cache.systemIdByName.set(s.name, s.id);
  }
  return cache;
}

async function resolveActors(tx: Tx, orgId: string, keyList: string[], cache: ResolutionCache) {
  const decided = rowsOf<{ actor_key: string; person_id: string | null; status: string }>(
    await tx.execute(sql`
      select actor_key, person_id, status from actor_identities
      where org_id = ${orgId} and status <> 'unresolved' and actor_key = any(${texts(keyList)})`),
  );
  for (const d of decided) {
    if (d.status === 'resolved' && d.person_id) cache.personByKey.set(d.actor_key, d.person_id);
    else if (d.status === 'service_account') cache.serviceAccounts.add(d.actor_key);
  }
  const identified = rowsOf<{ key: string; person_id: string }>(
    await tx.execute(sql`
      select lower(kind || ':' || value) as key, person_id from person_identifiers
      where org_id = ${orgId} and lower(kind || ':' || value) = any(${texts(keyList)})`),
  );
  for (const i of identified)
    if (!cache.personByKey.has(i.key) && !cache.serviceAccounts.has(i.key))
      cache.personByKey.set(i.key, i.person_id);
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

/**
 * The identity of a stored event: what dedupes re-ingested events. The unique key includes the
 * time (access_events is partitioned by it), so one source id at two times is two rows.
 */
export function sourceKeyOf(e: NormalizedEvent): string {
  return storedKey(e.source, e.sourceEventId, e.occurredAt.getTime());
}

const storedKey = (source: string, id: string, ms: number) => `${source}\u0000${id}\u0000${ms}`;

/** The event columns a chunk supplies, in order; org_id and batch_id come from the run. */
const CHUNK_COLUMNS = [
  ['occurred_at', 'timestamptz'],
  ['source', 'text'],
  ['source_event_id', 'text'],
  ['person_id', 'uuid'],
  ['actor_key', 'text'],
  ['actor', 'text'],
  ['system_id', 'uuid'],
  ['system_name', 'text'],
  ['action', 'text'],
  ['resource', 'text'],
  ['record_count', 'integer'],
  ['ticket_id', 'text'],
  ['ip', 'text'],
  ['country', 'text'],
  ['city', 'text'],
  ['lat', 'double precision'],
  ['lon', 'double precision'],
  ['device_id', 'text'],
  ['user_agent', 'text'],
  ['session_id', 'text'],
  ['outcome', 'text'],
  ['is_proxy', 'boolean'],
  ['raw', 'jsonb'],
] as const;

/** The event's original JSON when the parser kept it, else `raw` serialized again. */
const rawJsonOf = (e: NormalizedEvent) => e.rawJson ?? JSON.stringify(e.raw);

/** One event as the text of each CHUNK_COLUMNS column (null for SQL NULL). */
function chunkRow(e: NormalizedEvent, resolved: ResolvedChunk): (string | null)[] {
  return [
    e.occurredAt.toISOString(),
    e.source,
    e.sourceEventId,
    personFor(e, resolved),
    actorKeyOf(e.actorKind, e.actor),
    e.actor,
    systemIdFor(e, resolved),
    e.system,
    e.action,
    e.resource,
    String(e.recordCount),
    e.ticketId,
    e.ip,
    e.country,
    e.city,
    num(e.lat),
    num(e.lon),
    e.deviceId,
    e.userAgent,
    e.sessionId,
    e.outcome,
    e.isProxy === null ? 'false' : String(e.isProxy),
    rawJsonOf(e),
  ];
}

function systemIdFor(e: NormalizedEvent, resolved: ResolvedChunk): string | null {
  return resolved.systemIdByName.get(e.system.toLowerCase()) ?? null;
}

/**
 * A chunk whose events' own columns are already COPY text (PostgreSQL only). Rendering them is
 * most of Node's work in a write; done while earlier chunks are being written (the database is
 * busy then), the write itself only fills in person_id and system_id.
 */
export interface PreparedChunk {
  events: readonly NormalizedEvent[];
  /** Per event: the COPY text of the columns before person_id, between it and system_id, after. */
  copyText: { head: string; middle: string; tail: string }[] | null;
}

export function prepareChunk(events: readonly NormalizedEvent[], forCopy: boolean): PreparedChunk {
  if (!forCopy) return { events, copyText: null };
  const c = copyValue;
  // Straight-line concatenation, column by column in CHUNK_COLUMNS order: no arrays per event.
  const copyText = events.map((e) => ({
    head: `${e.occurredAt.toISOString()}\t${c(e.source)}\t${c(e.sourceEventId)}`,
    middle: `${c(actorKeyOf(e.actorKind, e.actor))}\t${c(e.actor)}`,
    tail:
      `${c(e.system)}\t${c(e.action)}\t${c(e.resource)}\t${e.recordCount}\t${c(e.ticketId)}` +
      `\t${c(e.ip)}\t${c(e.country)}\t${c(e.city)}\t${c(num(e.lat))}\t${c(num(e.lon))}` +
      `\t${c(e.deviceId)}\t${c(e.userAgent)}\t${c(e.sessionId)}\t${e.outcome}` +
      `\t${e.isProxy === true}\t${c(rawJsonOf(e))}`,
  }));
  return { events, copyText };
}

const INSERT_COLUMNS = `org_id, batch_id, ${CHUNK_COLUMNS.map(([c]) => c).join(', ')}`;

/**
 * Writes a chunk and returns the events inserted; a source event id already stored is skipped
 * (on conflict do nothing), so re-ingesting adds nothing. Row-level security
 * applies either way: the rows are inserted into access_events by the tenant transaction.
 *   - PostgreSQL: COPY into a per-connection temporary staging table, then one insert … select.
 *     COPY is the cheapest way to get rows to the server (no per-row parameters, no array
 *     literals to build and parse): measured in docs/BENCHMARKS.md.
 *   - PGlite: one insert … select from unnest of column arrays (no COPY-from-stream there, and
 *     the data never leaves the process anyway).
 */
export async function insertEventChunk(
  tx: Tx,
  orgId: string,
  batchId: string,
  chunk: PreparedChunk,
  resolved: ResolvedChunk,
): Promise<readonly NormalizedEvent[]> {
  const { events } = chunk;
  if (events.length === 0) return [];
  const client = postgresTransactionClient(tx);
  const rows = client
    ? await insertViaCopy(client, orgId, batchId, chunk, resolved)
    : await insertViaUnnest(tx, orgId, batchId, events, resolved);
  if (rows === 'all') return events;
  // One event per key inserted: a file can repeat a source id, and only its first copy is stored.
  const inserted = new Set(
    rows.map((r) => storedKey(r.source, r.source_event_id, Number(r.occurred_ms))),
  );
  return events.filter((e) => inserted.delete(sourceKeyOf(e)));
}

/** The stored key of an inserted row; the time as epoch milliseconds (the events' precision). */
type InsertedKey = { source: string; source_event_id: string; occurred_ms: string | number };
const RETURNING_KEY = `returning source, source_event_id,
  (extract(epoch from occurred_at) * 1000)::bigint::text as occurred_ms`;

async function insertViaCopy(
  client: TransactionSql,
  orgId: string,
  batchId: string,
  chunk: PreparedChunk,
  resolved: ResolvedChunk,
): Promise<InsertedKey[] | 'all'> {
  const { events } = chunk;
  const text = chunk.copyText ?? prepareChunk(events, true).copyText!;
  const lines: string[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const person = copyValue(personFor(e, resolved));
    const system = copyValue(systemIdFor(e, resolved));
    const { head, middle, tail } = text[i]!;
    lines.push(`${head}\t${person}\t${middle}\t${system}\t${tail}`);
  }
  await copyLinesIntoStaging(client, 'ingest_staging', CHUNK_COLUMNS, lines);
  const select = `select $1::uuid, $2::uuid, ${CHUNK_COLUMNS.map(([c]) => `s.${c}`).join(', ')}
     from ingest_staging s`;
  // New events are the common case: a plain insert is measurably cheaper than one with
  // ON CONFLICT (docs/BENCHMARKS.md). Any duplicate (a re-run, overlapping exports, a concurrent
  // ingest of the same file) fails it with a unique violation; the savepoint then undoes just
  // that statement and the chunk goes in again skipping what is already stored.
  try {
    await client.savepoint((sp) =>
      sp.unsafe(`insert into access_events (${INSERT_COLUMNS}) ${select}`, [orgId, batchId]),
    );
    return 'all';
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return client.unsafe<InsertedKey[]>(
    `insert into access_events (${INSERT_COLUMNS}) ${select}
     on conflict (org_id, source, source_event_id, occurred_at) do nothing
     ${RETURNING_KEY}`,
    [orgId, batchId],
  );
}

async function insertViaUnnest(
  tx: Tx,
  orgId: string,
  batchId: string,
  events: readonly NormalizedEvent[],
  resolved: ResolvedChunk,
): Promise<InsertedKey[]> {
  const rows = events.map((e) => chunkRow(e, resolved));
  const arrays = CHUNK_COLUMNS.map((_, i) => texts(rows.map((r) => r[i] ?? null)));
  const result = await tx.execute(sql`
    insert into access_events (${sql.raw(INSERT_COLUMNS)})
    select ${orgId}::uuid, ${batchId}::uuid, ${sql.join(
      CHUNK_COLUMNS.map(([c, t]) => sql.raw(`t.${c}::${t}`)),
      sql`, `,
    )}
    from unnest(${sql.join(arrays, sql`, `)})
      as t(${sql.raw(CHUNK_COLUMNS.map(([c]) => c).join(', '))})
    on conflict (org_id, source, source_event_id, occurred_at) do nothing
    ${sql.raw(RETURNING_KEY)}`);
  return rowsOf<InsertedKey>(result);
}

/**
 * Counts each actor in the events just inserted (never duplicates, so counts survive re-ingest),
 * creating unresolved identities for new ones. Returns the keys of those that remain unresolved.
 * Rows go in key order, so two chunks written at once lock shared actors in the same order.
 */
export async function recordActors(
  tx: Tx,
  orgId: string,
  events: readonly NormalizedEvent[],
  resolved: ResolvedChunk,
): Promise<string[]> {
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
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // A key matched through the people's identifiers is recorded as resolved to that person; a
  // machine identity (an AWS service, an instance role) is a service account from the start.
  await tx.execute(sql`
    insert into actor_identities (org_id, actor_key, kind, value, status, person_id,
      first_seen_at, last_seen_at, event_count, sources)
    select ${orgId}::uuid, t.k, t.kind, t.value,
      case when t.kind = any(${texts([...MACHINE_ACTOR_KINDS])}) then 'service_account'
        when t.person is null then 'unresolved' else 'resolved' end, t.person::uuid,
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
      sources = case when excluded.sources <@ actor_identities.sources then actor_identities.sources
        else (select array_agg(distinct s) from unnest(actor_identities.sources || excluded.sources) s) end,
      status = case when actor_identities.status = 'unresolved' and excluded.person_id is not null
        then 'resolved' else actor_identities.status end,
      person_id = coalesce(actor_identities.person_id, excluded.person_id)`);
  return rows
    .filter(([, r]) => r.person === null && !MACHINE_ACTOR_KINDS.has(r.kind))
    .map(([key]) => key);
}
