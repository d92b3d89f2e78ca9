import { cloudTrailActor } from './cloudtrail-actor';
import { cloudTrailResource } from './cloudtrail-resource';
import { decodeText, type DecodeOptions, type IngestInput } from './decode';
import type { ParsedRecord } from './event';
import { readJsonRecords } from './json-records';
import { mapRecords, reject, type MapResult } from './map-records';
import { at, ipAddress, isObject, parseTime, text, type JsonObject } from './values';

/** AWS CloudTrail: a log file `{"Records": [...]}` (gzipped or not) or NDJSON of records. */
export function parseCloudTrail(
  input: IngestInput,
  options?: DecodeOptions,
): AsyncGenerator<ParsedRecord> {
  return mapRecords(readJsonRecords(decodeText(input, options), ['Records']), mapCloudTrailRecord);
}

export function mapCloudTrailRecord(record: JsonObject): MapResult {
  if ('digestStartTime' in record || 'logFiles' in record)
    return reject(
      'a CloudTrail digest file (hashes of delivered log files), not an event record: ingest the log files it lists',
    );
  const sourceEventId = text(record.eventID);
  // Every real record has one; without it re-ingesting could not be deduplicated.
  if (!sourceEventId) return reject('missing eventID (the CloudTrail event id)');
  const occurredAt = parseTime(record.eventTime, true);
  if (!occurredAt) return reject('missing or invalid eventTime');
  const eventSource = text(record.eventSource);
  const eventName = text(record.eventName);
  if (!eventSource || !eventName) return reject('missing eventSource or eventName');
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const actor = cloudTrailActor(record);
  if (!actor)
    return reject(
      'missing userIdentity (no user name, ARN, principal, Identity Center user or invoking service)',
    );

  return {
    ok: true,
    events: [
      {
        sourceEventId,
        source: 'cloudtrail',
        occurredAt,
        ...actor,
        // Systems are registered per AWS account (docs/INGEST.md §Identity resolution).
        system: text(record.recipientAccountId) ?? text(identity.accountId) ?? 'AWS',
        action: `${eventSource}:${eventName}`,
        resource: cloudTrailResource(record),
        recordCount: recordCountOf(record),
        ticketId: null,
        ip: firstIp(record.sourceIPAddress),
        country: null,
        city: null,
        lat: null,
        lon: null,
        deviceId: null,
        userAgent: text(record.userAgent),
        sessionId: sessionOf(identity, occurredAt),
        outcome: outcomeOf(record),
        isProxy: null,
        raw: record,
      },
    ],
  };
}

/**
 * `sourceIPAddress` is one address, a service name (`AWS Internal`, `ec2.amazonaws.com`) or,
 * behind some proxies and VPC endpoints, a comma-separated list: the first valid address is
 * the client's.
 */
function firstIp(value: unknown): string | null {
  const s = text(value, 1000);
  if (!s) return null;
  for (const part of s.split(',').slice(0, 10)) {
    const ip = ipAddress(part);
    if (ip) return ip;
  }
  return null;
}

/**
 * The credential set a call used. A temporary key (`ASIA…`: an assumed role, a console or
 * Identity Center session) is one session. A long-term key (`AKIA…`, an IAM user's access key)
 * lives for months, so its calls are grouped per UTC day: `AKIA…:2026-12-07`.
 */
function sessionOf(identity: JsonObject, occurredAt: Date): string | null {
  const key = text(identity.accessKeyId);
  if (!key) return null;
  return key.startsWith('AKIA') ? `${key}:${occurredAt.toISOString().slice(0, 10)}` : key;
}

/**
 * Failure when AWS reports an error: an `errorCode` that names one (`AccessDenied`,
 * `UnauthorizedOperation`, an HTTP 4xx/5xx), or a failed console sign-in. Some services write
 * an HTTP success status as `errorCode` (`"200"`) or a success response next to it: not errors.
 */
function outcomeOf(record: JsonObject): 'success' | 'failure' {
  // Console sign-ins answer in responseElements; Identity Center sign-in steps
  // (CredentialChallenge, UserAuthentication…) in serviceEventDetails under the event's name.
  const login =
    at(record, 'responseElements', 'ConsoleLogin') ??
    at(record, 'serviceEventDetails', String(record.eventName));
  if (login === 'Failure') return 'failure';
  if (login === 'Success') return 'success';
  const code = text(record.errorCode, 200);
  if (!code) return 'success';
  return /^[23]\d\d$/.test(code) || /^(success|ok|none|null)$/i.test(code) ? 'success' : 'failure';
}

/** BatchGetSecretValue reads every secret it lists: that many records touched. */
function recordCountOf(record: JsonObject): number {
  const list = at(record, 'requestParameters', 'secretIdList');
  return Array.isArray(list) && list.length > 0 ? list.length : 1;
}
