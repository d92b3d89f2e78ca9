import { z } from 'zod';
import { MAX_FIELD_CHARS } from './limits';

// The one normalized event every ingest parser yields (spec/signals.md "Sources and formats").

export const EVENT_SOURCES = ['okta', 'cloudtrail', 'gworkspace', 'canonical'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * Kinds of actor identifier. The vendor kinds reuse the person identifier kinds of
 * server/domain/inventory/identifiers.ts (`okta`, `aws`, `google`) so identity resolution is a
 * lookup of (kind, value); `username` is a login name that is not an email.
 */
export const ACTOR_KINDS = ['email', 'username', 'okta', 'aws', 'google'] as const;
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
});
export type NormalizedEvent = z.infer<typeof normalizedEventSchema>;

/** What each parser yields per record: one bad record never stops the rest. */
export type ParsedRecord =
  { ok: true; line: number; event: NormalizedEvent } | { ok: false; line: number; reason: string };
