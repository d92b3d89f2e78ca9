import { toCountryCode } from './country';
import { decodeText, type DecodeOptions, type IngestInput } from './decode';
import type { ActorIdentifier, ParsedRecord } from './event';
import { readJsonRecords } from './json-records';
import { mapRecords, reject, type MapResult } from './map-records';
import { keysFound, needsOktaKeys, withOktaKeys } from './okta-keys';
import {
  at,
  coordinates,
  ipAddress,
  isObject,
  loginKind,
  parseTime,
  text,
  type JsonObject,
} from './values';

/** Okta System Log events (`/api/v1/logs`): a JSON array or NDJSON. */
export function parseOkta(
  input: IngestInput,
  options?: DecodeOptions,
): AsyncGenerator<ParsedRecord> {
  return mapRecords(readJsonRecords(decodeText(input, options), []), mapOktaEvent);
}

/** Okta writes the strings "unknown" and "null" where it has no value. */
function known(value: unknown): string | null {
  const s = text(value);
  return s && !/^(unknown|null)$/i.test(s) ? s : null;
}

export function mapOktaEvent(original: JsonObject): MapResult {
  // Lower-cased SIEM exports are read with Okta's own keys; `raw` stays the record as received.
  const record = needsOktaKeys(original) ? (withOktaKeys(original) as JsonObject) : original;
  const sourceEventId = text(record.uuid);
  if (!sourceEventId) return reject('missing uuid (the Okta event id)');
  const occurredAt = parseTime(record.published, true);
  if (!occurredAt) return reject('missing or invalid published time');
  const action = text(record.eventType);
  if (!action)
    return reject(
      `missing eventType (not an Okta System Log event? keys found: ${keysFound(original)})`,
    );

  const login = known(at(record, 'actor', 'alternateId'));
  const oktaId = known(at(record, 'actor', 'id'));
  const actor = login ?? oktaId;
  if (!actor) return reject('missing actor (actor.alternateId and actor.id)');
  const actorAlternates: ActorIdentifier[] =
    login && oktaId ? [{ kind: 'okta', value: oktaId }] : [];

  const targets = Array.isArray(record.target) ? record.target.filter(isObject) : [];
  // SSO events name the application in target[] (docs/INGEST.md §Per-source mapping); other events
  // happen in Okta.
  const app = targets.find((t) => t.type === 'AppInstance');
  const resource =
    targets
      .filter((t) => t !== app)
      .slice(0, 3)
      .map(targetName)
      .filter(Boolean)
      .join('; ') || null;

  // client.* may be empty while the request's IP chain still carries the address and place.
  const client = isObject(record.client) ? record.client : {};
  const hop = Array.isArray(at(record, 'request', 'ipChain'))
    ? (at(record, 'request', 'ipChain') as unknown[]).find(isObject)
    : undefined;
  const geo = isObject(client.geographicalContext)
    ? client.geographicalContext
    : isObject(hop?.geographicalContext)
      ? hop.geographicalContext
      : {};
  const result = text(at(record, 'outcome', 'result'))?.toUpperCase();

  return {
    ok: true,
    events: [
      {
        sourceEventId,
        source: 'okta',
        occurredAt,
        actor,
        actorKind: login ? loginKind(login) : 'okta',
        actorAlternates,
        system: text(app?.displayName) ?? 'Okta',
        action,
        resource,
        recordCount: 1,
        ticketId: null,
        ip: ipAddress(client.ipAddress) ?? ipAddress(hop?.ip),
        country: toCountryCode(known(geo.country)),
        city: known(geo.city),
        ...coordinates(at(geo, 'geolocation', 'lat'), at(geo, 'geolocation', 'lon')),
        deviceId: known(at(record, 'debugContext', 'debugData', 'deviceFingerprint')),
        userAgent: known(at(client, 'userAgent', 'rawUserAgent')),
        sessionId: known(at(record, 'authenticationContext', 'externalSessionId')),
        outcome: result === 'FAILURE' || result === 'DENY' ? 'failure' : 'success',
        isProxy: proxyFlag(record),
        raw: original,
      },
    ],
  };
}

/**
 * `Type id` of one target. A policy rule's alternateId is its parent policy's id, so a rule is
 * named by its own name and id: `PolicyRule Default Rule (0pr…)`.
 */
function targetName(t: JsonObject): string {
  const type = text(t.type);
  if (type === 'PolicyRule') {
    const name = known(t.displayName);
    const id = known(t.id);
    const label = name && id ? `${name} (${id})` : (name ?? id ?? known(t.alternateId));
    return [type, label].filter(Boolean).join(' ');
  }
  return [type, known(t.alternateId) ?? known(t.displayName)].filter(Boolean).join(' ');
}

/**
 * securityContext.isProxy is Okta's anonymizing-proxy verdict; newer events also list network
 * tunnels in debugData.tunnels (a JSON string) with an `anonymous` flag.
 */
function proxyFlag(record: JsonObject): boolean | null {
  const isProxy = at(record, 'securityContext', 'isProxy');
  const tunnels = at(record, 'debugContext', 'debugData', 'tunnels');
  if (isProxy === true) return true;
  if (typeof tunnels === 'string' && /"anonymous"\s*:\s*true/.test(tunnels)) return true;
  return typeof isProxy === 'boolean' ? isProxy : null;
}
