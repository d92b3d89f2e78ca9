import { decodeText, type DecodeOptions, type IngestInput } from './decode';
import type { ActorIdentifier, ParsedRecord } from './event';
import { readJsonRecords } from './json-records';
import { mapRecords, reject, type MapResult } from './map-records';
import { at, ipAddress, isEmail, isObject, parseTime, text, type JsonObject } from './values';

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
  const actor = actorOf(identity);
  if (!actor) return reject('missing userIdentity (no user name, ARN or principal)');

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
        resource: resourceOf(record),
        recordCount: recordCountOf(record),
        ticketId: null,
        ip: ipAddress(record.sourceIPAddress),
        country: null,
        city: null,
        lat: null,
        lon: null,
        deviceId: null,
        userAgent: text(record.userAgent),
        // One access key is one set of credentials: for an assumed role, one session.
        sessionId: text(identity.accessKeyId),
        outcome:
          text(record.errorCode) || at(record, 'responseElements', 'ConsoleLogin') === 'Failure'
            ? 'failure'
            : 'success',
        isProxy: null,
        raw: record,
      },
    ],
  };
}

type Actor = { actor: string; actorKind: 'email' | 'aws'; actorAlternates: ActorIdentifier[] };

/**
 * The person behind the call: an IAM user's name; an assumed role's session name (the person's
 * email under IAM Identity Center); a federated user's name. The role itself is shared by many
 * people, so its ARN is never an alternate identifier; the session's own ARN is.
 */
function actorOf(identity: JsonObject): Actor | null {
  const arn = text(identity.arn);
  const afterSlash = arn?.includes('/') ? text(arn.slice(arn.lastIndexOf('/') + 1)) : null;
  const principalName = text(identity.principalId)?.split(':')[1] ?? null;
  let name: string | null;
  switch (identity.type) {
    case 'IAMUser':
      name = text(identity.userName) ?? afterSlash;
      break;
    case 'AssumedRole':
    case 'FederatedUser':
      name = afterSlash ?? text(principalName);
      break;
    case 'AWSService':
      name = text(identity.invokedBy);
      break;
    case 'Root':
      name = arn;
      break;
    default:
      name = text(identity.userName) ?? afterSlash ?? arn ?? text(identity.principalId);
  }
  if (!name) return null;
  return {
    actor: name,
    actorKind: isEmail(name) ? 'email' : 'aws',
    actorAlternates: arn && arn !== name ? [{ kind: 'aws', value: arn }] : [],
  };
}

// requestParameters that name what was touched, in order of interest.
const RESOURCE_PARAMETERS = [
  'userName',
  'roleArn',
  'roleName',
  'groupName',
  'policyArn',
  'policyName',
  'bucketName',
  'key',
  'secretId',
  'keyName',
  'instanceId',
  'functionName',
  'tableName',
];

function resourceOf(record: JsonObject): string | null {
  const parameters = isObject(record.requestParameters) ? record.requestParameters : {};
  const named = RESOURCE_PARAMETERS.flatMap((name) => {
    const value = text(parameters[name], 300);
    return value ? [`${name}=${value}`] : [];
  });
  if (named.length) return text(named.join('; '));
  const arns = (Array.isArray(record.resources) ? record.resources : [])
    .map((r) => text(at(r, 'ARN'), 300))
    .filter(Boolean);
  return arns.length ? text(arns.join('; ')) : null;
}

/** BatchGetSecretValue reads every secret it lists: that many records touched. */
function recordCountOf(record: JsonObject): number {
  const list = at(record, 'requestParameters', 'secretIdList');
  return Array.isArray(list) && list.length > 0 ? list.length : 1;
}
