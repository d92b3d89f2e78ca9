import { isObject, type JsonObject } from './values';

// Okta System Log records re-exported by SIEM pipelines (docs/INGEST.md §Per-source decisions).

/** The keys of Okta's LogEvent object and its nested objects, as the API writes them. */
const OKTA_KEYS = [
  'uuid',
  'published',
  'eventType',
  'version',
  'severity',
  'legacyEventType',
  'displayMessage',
  'actor',
  'id',
  'type',
  'alternateId',
  'displayName',
  'detailEntry',
  'client',
  'userAgent',
  'rawUserAgent',
  'os',
  'browser',
  'zone',
  'device',
  'ipAddress',
  'geographicalContext',
  'city',
  'state',
  'country',
  'postalCode',
  'geolocation',
  'lat',
  'lon',
  'outcome',
  'result',
  'reason',
  'target',
  'transaction',
  'debugContext',
  'debugData',
  'deviceFingerprint',
  'tunnels',
  'requestUri',
  'url',
  'authenticationContext',
  'authenticationProvider',
  'credentialProvider',
  'credentialType',
  'issuer',
  'externalSessionId',
  'interface',
  'authenticationStep',
  'rootSessionId',
  'securityContext',
  'asNumber',
  'asOrg',
  'isp',
  'domain',
  'isProxy',
  'request',
  'ipChain',
  'ip',
  'source',
];

const squash = (key: string) => key.replace(/[_-]/g, '').toLowerCase();
const CANONICAL = new Map(OKTA_KEYS.map((k) => [squash(k), k]));

/**
 * True when the record spells Okta's keys otherwise (`eventtype`, `event_type`,
 * `displaymessage`…): SIEM pipelines that lower-case or snake-case field names.
 */
export function needsOktaKeys(record: JsonObject): boolean {
  return !('eventType' in record) && Object.keys(record).some((k) => squash(k) === 'eventtype');
}

/**
 * The record with every key Okta defines restored to Okta's spelling, at any depth (up to 8
 * levels, as deep as Okta nests); other keys are kept as they are.
 */
export function withOktaKeys(value: unknown, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => withOktaKeys(v, depth + 1));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const canonical = CANONICAL.get(squash(key)) ?? key;
    // The spelling Okta uses wins when a record carries both.
    if (canonical in out && canonical !== key) continue;
    Object.defineProperty(out, canonical, {
      value: withOktaKeys(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The record's top-level keys, for a rejection that says what was found instead. */
export function keysFound(record: JsonObject): string {
  const keys = Object.keys(record).slice(0, 12);
  return keys.length ? keys.join(', ') : 'none';
}
