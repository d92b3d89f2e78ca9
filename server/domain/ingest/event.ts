import { z } from 'zod';
import { MAX_FIELD_CHARS } from './limits';

// The one normalized event every ingest parser yields (docs/INGEST.md §The normalized event).

export const EVENT_SOURCES = ['okta', 'cloudtrail', 'gworkspace', 'github', 'canonical'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * Kinds of actor identifier. The vendor kinds reuse the person identifier kinds of
 * server/domain/inventory/identifiers.ts (`okta`, `aws`, `google`, `github`) so identity resolution is a
 * lookup of (kind, value); `username` is a login name that is not an email. `machine` (an AWS
 * service, an EC2 instance role, a service-linked role) and `root` (an AWS account's root user)
 * are not people: no person identifier has those kinds, and machine actors are recorded as
 * service accounts (docs/INGEST.md §Identity resolution).
 */
export const ACTOR_KINDS = [
  'email',
  'username',
  'okta',
  'aws',
  'google',
  'github',
  'machine',
  'root',
] as const;
/** Actor kinds that are never a person: their identities are service accounts from the start. */
export const MACHINE_ACTOR_KINDS: ReadonlySet<string> = new Set(['machine']);
export const actorKindSchema = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof actorKindSchema>;

const text = z.string().min(1).max(MAX_FIELD_CHARS);
const optionalText = text.nullable();

export const actorIdentifierSchema = z.object({ kind: actorKindSchema, value: text });
export type ActorIdentifier = z.infer<typeof actorIdentifierSchema>;

export const normalizedEventSchema = z.object({
  /** The source's own id: the dedupe key, so re-ingesting a file adds nothing. */
  sourceEventId: text,
  source: z.enum(EVENT_SOURCES),
  occurredAt: z.date().refine((d) => !Number.isNaN(d.getTime()), 'invalid time'),
  actor: text,
  actorKind: actorKindSchema,
  /** Other identifiers seen for the same actor in the same record (e.g. Okta id, AWS ARN). */
  actorAlternates: z.array(actorIdentifierSchema).max(8),
  system: text,
  action: text,
  resource: optionalText,
  recordCount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  ticketId: optionalText,
  ip: optionalText,
  /** ISO 3166-1 alpha-2, whatever the source wrote. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  city: optionalText,
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  deviceId: optionalText,
  userAgent: optionalText,
  sessionId: optionalText,
  outcome: z.enum(['success', 'failure']),
  /** True when the source flags an anonymizing proxy / VPN; null when the source cannot tell. */
  isProxy: z.boolean().nullable(),
  /** The original record, kept as evidence. */
  raw: z.record(z.string(), z.unknown()),
  /**
   * `raw`'s own JSON text when the parser read the record whole (an NDJSON line): stored as is,
   * which spares serializing `raw` again (the database parses it into the same jsonb).
   */
  rawJson: z.string().optional(),
});
export type NormalizedEvent = z.infer<typeof normalizedEventSchema>;

/** What each parser yields per record: one bad record never stops the rest. */
export type ParsedRecord =
  { ok: true; line: number; event: NormalizedEvent } | { ok: false; line: number; reason: string };

const SOURCES: ReadonlySet<unknown> = new Set(EVENT_SOURCES);
const KINDS: ReadonlySet<unknown> = new Set(ACTOR_KINDS);
const isText = (v: unknown) =>
  typeof v === 'string' && v.length >= 1 && v.length <= MAX_FIELD_CHARS;
const isOptionalText = (v: unknown) => v === null || isText(v);
const inRange = (v: unknown, limit: number) =>
  v === null || (typeof v === 'number' && Number.isFinite(v) && v >= -limit && v <= limit);
const isPlainObject = (v: unknown) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * A hand-written check of every rule in normalizedEventSchema, at least as strict, ~20× faster
 * than zod on the ingest hot path (docs/BENCHMARKS.md). True only when the schema would accept
 * the event; on false, parsers run the schema itself for its exact message.
 */
export function satisfiesEventSchema(e: NormalizedEvent): boolean {
  return (
    isText(e.sourceEventId) &&
    SOURCES.has(e.source) &&
    e.occurredAt instanceof Date &&
    !Number.isNaN(e.occurredAt.getTime()) &&
    isText(e.actor) &&
    KINDS.has(e.actorKind) &&
    Array.isArray(e.actorAlternates) &&
    e.actorAlternates.length <= 8 &&
    e.actorAlternates.every((a) => isPlainObject(a) && KINDS.has(a.kind) && isText(a.value)) &&
    isText(e.system) &&
    isText(e.action) &&
    isOptionalText(e.resource) &&
    Number.isSafeInteger(e.recordCount) &&
    e.recordCount >= 0 &&
    isOptionalText(e.ticketId) &&
    isOptionalText(e.ip) &&
    (e.country === null || (typeof e.country === 'string' && /^[A-Z]{2}$/.test(e.country))) &&
    isOptionalText(e.city) &&
    inRange(e.lat, 90) &&
    inRange(e.lon, 180) &&
    isOptionalText(e.deviceId) &&
    isOptionalText(e.userAgent) &&
    isOptionalText(e.sessionId) &&
    (e.outcome === 'success' || e.outcome === 'failure') &&
    (e.isProxy === null || typeof e.isProxy === 'boolean') &&
    isPlainObject(e.raw) &&
    (e.rawJson === undefined || typeof e.rawJson === 'string')
  );
}
