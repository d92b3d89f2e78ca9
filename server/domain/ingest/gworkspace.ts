import { createHash } from 'node:crypto';
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
  if (isAlertCenterAlert(record))
    return reject(
      'this is an Alert Center alert (alertId, type, data), not a Reports API activity: the gworkspace format reads Admin SDK Reports activities',
    );
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
    // uniqueQualifier tells apart activities at the same time; the event name and a digest of
    // its parameters tell apart the events inside one activity, whether the activity arrives
    // whole or split one event per record, in any order. Only an exact repeat (same name, same
    // parameters) in one activity is numbered by occurrence.
    const digest = parameterDigest(event);
    const base = `${application}:${time}:${qualifier}:${name}${digest ? `:${digest}` : ''}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const parameters = parametersOf(event);
    out.push({
      sourceEventId: n > 1 ? `${base}#${n}` : base,
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
      outcome: outcomeOf(application, name, parameters),
      isProxy: null,
      raw: events.length > 1 ? { ...record, events: [event] } : record,
    });
  }
  return { ok: true, events: out };
}

/**
 * Failures and denials: `login_failure`, Context-Aware Access `ACCESS_DENY_EVENT`, anything named
 * failed, denied or blocked, and a login challenge whose status says it failed. Admin console
 * events are changes that took effect: a word like "deny" there names the setting changed (an
 * admin editing a deny list), so only a `_failure` name fails them.
 */
const FAILURE_NAME = /(^|_)(failure|failed|fail|deny|denied|blocked|rejected)(_|$)/i;
function outcomeOf(
  application: string,
  name: string,
  parameters: Map<string, string>,
): 'success' | 'failure' {
  if (application === 'admin') return /(^|_)failure$/i.test(name) ? 'failure' : 'success';
  if (FAILURE_NAME.test(name)) return 'failure';
  const challenge = parameters.get('login_challenge_status');
  return challenge && /fail/i.test(challenge) ? 'failure' : 'success';
}

/** Alert Center (`alertcenter.alerts`) records carry an alertId and a typed `data` payload. */
function isAlertCenterAlert(record: JsonObject): boolean {
  const type = at(record, 'data', '@type');
  return (
    (typeof record.alertId === 'string' && !isObject(record.id)) ||
    (typeof type === 'string' && type.includes('google.apps.alertcenter'))
  );
}

/**
 * A short digest of an event's parameters, keys sorted (null without any): the same event always
 * gives the same digest, so re-ingesting (or re-fetching a page) keeps its id.
 */
function parameterDigest(event: JsonObject): string | null {
  if (!Array.isArray(event.parameters) || event.parameters.length === 0) return null;
  const canonical = stableJson(event.parameters);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
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
