import { decodeText, type DecodeOptions, type IngestInput } from './decode';
import type { ActorIdentifier, NormalizedEvent, ParsedRecord } from './event';
import { readJsonRecords } from './json-records';
import { mapRecords, reject, type MapResult } from './map-records';
import { at, ipAddress, isObject, loginKind, parseTime, text, type JsonObject } from './values';

/** Google Workspace Admin SDK Reports activities: one per line, or list pages with `items`. */
export function parseGoogleWorkspace(
  input: IngestInput,
  options?: DecodeOptions,
): AsyncGenerator<ParsedRecord> {
  return mapRecords(readJsonRecords(decodeText(input, options), ['items']), mapGoogleActivity);
}

// Parameters that name what an event touched, in order of interest.
const RESOURCE_PARAMETERS = [
  'doc_id',
  'target_user',
  'affected_email_address',
  'USER_EMAIL',
  'app_name',
  'client_id',
];

/**
 * One activity holds one or more events (the API gives `events` as an array; exports that split
 * activities, like the fixtures, give one object). Each event becomes one normalized event.
 */
export function mapGoogleActivity(record: JsonObject): MapResult {
  if (record.kind === 'admin#reports#activities')
    return reject('a Reports API list page with no items (an empty page), not an activity');
  const time = text(at(record, 'id', 'time'));
  const occurredAt = parseTime(time, true);
  const qualifier = text(at(record, 'id', 'uniqueQualifier'));
  const application = text(at(record, 'id', 'applicationName'));
  if (!time || !occurredAt) return reject('missing or invalid id.time');
  if (!qualifier || !application) return reject('missing id.uniqueQualifier or id.applicationName');

  const email = text(at(record, 'actor', 'email'));
  const profileId = text(at(record, 'actor', 'profileId'));
  const key = text(at(record, 'actor', 'key'));
  const actor = email ?? profileId ?? key;
  if (!actor) return reject('missing actor (actor.email, actor.profileId or actor.key)');
  const actorAlternates: ActorIdentifier[] =
    email && profileId ? [{ kind: 'google', value: profileId }] : [];

  const items = Array.isArray(record.events) ? record.events : [record.events];
  const events = items.filter(isObject);
  if (!events.length) return reject('activity has no events');
  const seen = new Map<string, number>();
  const out: NormalizedEvent[] = [];
  for (const event of events) {
    const name = text(event.name);
    if (!name) return reject('an event has no name');
    // uniqueQualifier tells apart activities at the same time; the event name (and its
    // occurrence) tells apart the events inside one activity.
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    const parameters = parametersOf(event);
    out.push({
      sourceEventId: `${application}:${time}:${qualifier}:${name}${n > 1 ? `#${n}` : ''}`,
      source: 'gworkspace',
      occurredAt,
      actor,
      actorKind: email ? loginKind(email) : profileId ? 'google' : 'username',
      actorAlternates,
      system: `Google Workspace ${application}`,
      action: `${application}.${name}`,
      resource: RESOURCE_PARAMETERS.map((p) => parameters.get(p)).find(Boolean) ?? null,
      recordCount: 1,
      ticketId: null,
      ip: ipAddress(record.ipAddress),
      country: null,
      city: null,
      lat: null,
      lon: null,
      deviceId: null,
      userAgent: null,
      sessionId: null,
      outcome: /(^|_)failure$/.test(name) ? 'failure' : 'success',
      isProxy: null,
      raw: events.length > 1 ? { ...record, events: [event] } : record,
    });
  }
  return { ok: true, events: out };
}

/** Reports API parameters carry their value in `value`, `intValue`, `boolValue` or `multiValue`. */
function parametersOf(event: JsonObject): Map<string, string> {
  const map = new Map<string, string>();
  const list = Array.isArray(event.parameters) ? event.parameters : [];
  for (const p of list.slice(0, 200)) {
    const name = text(at(p, 'name'), 100);
    if (!name || !isObject(p)) continue;
    const value =
      text(p.value) ??
      text(p.intValue) ??
      (Array.isArray(p.multiValue) ? text(p.multiValue.map((v) => text(v)).join(', ')) : null);
    if (value) map.set(name, value);
  }
  return map;
}
