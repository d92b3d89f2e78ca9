import { at, isObject, text, type JsonObject } from './values';

// What a CloudTrail call touched, from its request parameters
// (docs/INGEST.md §Per-source decisions).

// requestParameters that name what was touched, in order of interest. The later ones carry the
// object of security-relevant calls: SSM sessions, trail and log-group changes, snapshot sharing,
// GuardDuty detectors.
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
  'target',
  'documentName',
  'trailName',
  'logGroupName',
  'snapshotId',
  'dBSnapshotIdentifier',
  'dBClusterSnapshotIdentifier',
  'detectorId',
];

const MAX_LISTED = 20;

export function cloudTrailResource(record: JsonObject): string | null {
  const parameters = isObject(record.requestParameters) ? record.requestParameters : {};
  const named = RESOURCE_PARAMETERS.flatMap((name) => {
    const value = text(parameters[name], 300);
    return value ? [`${name}=${value}`] : [];
  });
  // CloudTrail's own calls (StopLogging, DeleteTrail, UpdateTrail…) name the trail `name`.
  const trail =
    record.eventSource === 'cloudtrail.amazonaws.com' ? text(parameters.name, 300) : null;
  if (trail) named.push(`trail=${trail}`);
  // SendCommand lists instanceIds; TerminateInstances, instancesSet.items[].instanceId.
  const instances = [
    ...strings(parameters.instanceIds),
    ...items(at(parameters, 'instancesSet')).map((i) => text(i.instanceId, 100)),
  ].filter((v): v is string => v !== null);
  if (instances.length) named.push(`instanceIds=${listed(instances)}`);
  // Snapshot sharing: the accounts (or `all`) added to the snapshot's permissions.
  const sharedWith = [
    ...items(at(parameters, 'createVolumePermission', 'add')).map(
      (i) => text(i.userId, 100) ?? text(i.group, 100),
    ),
    ...strings(parameters.valuesToAdd),
  ].filter((v): v is string => v !== null);
  if (sharedWith.length) named.push(`sharedWith=${listed(sharedWith)}`);
  if (named.length) return text(named.join('; '));
  const arns = (Array.isArray(record.resources) ? record.resources : [])
    .map((r) => text(at(r, 'ARN'), 300))
    .filter(Boolean);
  return arns.length ? text(arns.join('; ')) : null;
}

function strings(value: unknown): (string | null)[] {
  return Array.isArray(value) ? value.slice(0, MAX_LISTED).map((v) => text(v, 100)) : [];
}

/** EC2's `{"items": [...]}` lists. */
function items(value: unknown): JsonObject[] {
  const list = at(value, 'items');
  return Array.isArray(list) ? list.slice(0, MAX_LISTED).filter(isObject) : [];
}

function listed(values: string[]): string {
  return values.join(',');
}
