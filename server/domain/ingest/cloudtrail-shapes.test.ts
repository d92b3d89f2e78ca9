import { describe, expect, it } from 'vitest';
import { parseCloudTrail } from './cloudtrail';
import { collect, events, rejections } from './test-support';

// Record shapes real trails carry daily, written from the CloudTrail record and userIdentity
// reference (field names and values as AWS documents them; ids and addresses are examples).

type Json = Record<string, unknown>;
let n = 0;

function record(overrides: Json): Json {
  n += 1;
  return {
    eventVersion: '1.09',
    eventTime: '2026-11-03T09:15:00Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: `req-${n}`,
    eventID: `0000${n}-aaaa-bbbb-cccc-EXAMPLE`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAJ45Q7YFFAREXAMPLE',
      arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333',
      accessKeyId: 'ASIAEXAMPLEKEY000001',
      userName: 'alice',
    },
    ...overrides,
  };
}

async function parse(...records: Json[]) {
  const results = await collect(parseCloudTrail([JSON.stringify({ Records: records }, null, 1)]));
  expect(rejections(results)).toEqual([]);
  return events(results);
}

const IDENTITY_CENTER = {
  type: 'IdentityCenterUser',
  accountId: '111122223333',
  onBehalfOf: {
    userId: '94482488-3041-7026-18f3-be45837cd0e4',
    identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067bc44a2',
  },
  credentialId: 'EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE',
};

describe('CloudTrail: IAM Identity Center sign-ins', () => {
  it('accepts IdentityCenterUser records (empty ARN) with the user as actor', async () => {
    const [challenge, failed] = await parse(
      record({
        eventSource: 'signin.amazonaws.com',
        eventName: 'CredentialChallenge',
        eventType: 'AwsServiceEvent',
        userIdentity: { ...IDENTITY_CENTER, arn: '' },
        additionalEventData: { CredentialType: 'PASSWORD', UserName: 'ana@example.com' },
        serviceEventDetails: { CredentialChallenge: 'Success' },
      }),
      record({
        eventSource: 'signin.amazonaws.com',
        eventName: 'UserAuthentication',
        eventType: 'AwsServiceEvent',
        userIdentity: IDENTITY_CENTER,
        additionalEventData: { UserName: 'ana@example.com' },
        serviceEventDetails: { UserAuthentication: 'Failure' },
      }),
    );
    expect(challenge).toMatchObject({
      actor: 'ana@example.com',
      actorKind: 'email',
      actorAlternates: [{ kind: 'aws', value: '94482488-3041-7026-18f3-be45837cd0e4' }],
      action: 'signin.amazonaws.com:CredentialChallenge',
      system: '111122223333',
      outcome: 'success',
    });
    expect(failed).toMatchObject({ actor: 'ana@example.com', outcome: 'failure' });
  });

  it('accepts the older Unknown identity with a user name and the bare onBehalfOf user id', async () => {
    const [older, bare] = await parse(
      record({
        eventSource: 'sso.amazonaws.com',
        eventName: 'Authenticate',
        userIdentity: {
          type: 'Unknown',
          principalId: '111122223333:ana',
          arn: '',
          accountId: '111122223333',
          accessKeyId: '',
          userName: 'ana',
        },
      }),
      record({ eventSource: 'signin.amazonaws.com', userIdentity: IDENTITY_CENTER }),
    );
    expect(older).toMatchObject({ actor: 'ana', actorKind: 'aws', sessionId: null });
    expect(bare).toMatchObject({
      actor: '94482488-3041-7026-18f3-be45837cd0e4',
      actorKind: 'aws',
      actorAlternates: [],
    });
  });
});

describe('CloudTrail: addresses, outcomes, actors and sessions', () => {
  it('takes the first valid address of a comma-separated sourceIPAddress', async () => {
    const list = await parse(
      record({ sourceIPAddress: '203.0.113.9, 10.0.0.12' }),
      record({ sourceIPAddress: 'AWS Internal, 2001:db8::7' }),
      record({ sourceIPAddress: 'ec2.amazonaws.com' }),
    );
    expect(list.map((e) => e.ip)).toEqual(['203.0.113.9', '2001:db8::7', null]);
  });

  it('counts only real errors as failures', async () => {
    const list = await parse(
      record({ errorCode: 'AccessDenied', errorMessage: 'User is not authorized' }),
      record({ errorCode: 'Client.UnauthorizedOperation' }),
      record({ errorCode: '403' }),
      // An HTTP success status written as errorCode, next to a success response.
      record({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', errorCode: '200' }),
      record({
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        errorCode: '200',
        responseElements: { ConsoleLogin: 'Success' },
      }),
      record({}),
    );
    expect(list.map((e) => e.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'success',
      'success',
      'success',
    ]);
  });

  it('keys IAM users by account: two accounts’ alice are two actors', async () => {
    const [one, two] = await parse(
      record({}),
      record({
        recipientAccountId: '444455556666',
        userIdentity: {
          type: 'IAMUser',
          principalId: 'AIDAOTHERACCOUNTEXAMPLE',
          arn: 'arn:aws:iam::444455556666:user/alice',
          accountId: '444455556666',
          userName: 'alice',
        },
      }),
    );
    expect(one).toMatchObject({ actor: 'arn:aws:iam::111122223333:user/alice', actorKind: 'aws' });
    expect(two).toMatchObject({ actor: 'arn:aws:iam::444455556666:user/alice', actorKind: 'aws' });
  });

  it('classifies AWS services, instance roles and service-linked roles as machines, root as root', async () => {
    const list = await parse(
      record({
        userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' },
        sourceIPAddress: 'cloudtrail.amazonaws.com',
      }),
      record({
        userIdentity: {
          type: 'AssumedRole',
          principalId: 'AROAEXAMPLEINSTANCE:i-0a1b2c3d4e5f67890',
          arn: 'arn:aws:sts::111122223333:assumed-role/app-server/i-0a1b2c3d4e5f67890',
          accountId: '111122223333',
          accessKeyId: 'ASIAEXAMPLEKEY000002',
          sessionContext: {
            sessionIssuer: {
              type: 'Role',
              arn: 'arn:aws:iam::111122223333:role/app-server',
              userName: 'app-server',
            },
            ec2RoleDelivery: '2.0',
          },
        },
      }),
      record({
        userIdentity: {
          type: 'AssumedRole',
          principalId: 'AROAEXAMPLECONFIG:AWSConfig-Describe',
          arn: 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe',
          accountId: '111122223333',
          invokedBy: 'config.amazonaws.com',
          sessionContext: {
            sessionIssuer: {
              type: 'Role',
              arn: 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
            },
          },
        },
      }),
      record({
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        userIdentity: {
          type: 'Root',
          principalId: '111122223333',
          arn: 'arn:aws:iam::111122223333:root',
          accountId: '111122223333',
        },
        responseElements: { ConsoleLogin: 'Success' },
      }),
      // A person's role session stays a person.
      record({
        userIdentity: {
          type: 'AssumedRole',
          principalId: 'AROAEXAMPLEADMIN:ana@example.com',
          arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/ana@example.com',
          accountId: '111122223333',
        },
      }),
    );
    expect(list.map((e) => [e.actorKind, e.actor])).toEqual([
      ['machine', 'cloudtrail.amazonaws.com'],
      ['machine', 'arn:aws:sts::111122223333:assumed-role/app-server/i-0a1b2c3d4e5f67890'],
      [
        'machine',
        'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe',
      ],
      ['root', 'arn:aws:iam::111122223333:root'],
      ['email', 'ana@example.com'],
    ]);
  });

  it('groups a long-term key’s calls per day; a temporary key is one session', async () => {
    const longTerm = (time: string) =>
      record({
        eventTime: time,
        userIdentity: {
          type: 'IAMUser',
          arn: 'arn:aws:iam::111122223333:user/ci',
          accountId: '111122223333',
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          userName: 'ci',
        },
      });
    const list = await parse(
      longTerm('2026-11-03T08:00:00Z'),
      longTerm('2026-11-03T23:59:00Z'),
      longTerm('2026-11-04T00:01:00Z'),
      record({}),
    );
    expect(list.map((e) => e.sessionId)).toEqual([
      'AKIAIOSFODNN7EXAMPLE:2026-11-03',
      'AKIAIOSFODNN7EXAMPLE:2026-11-03',
      'AKIAIOSFODNN7EXAMPLE:2026-11-04',
      'ASIAEXAMPLEKEY000001',
    ]);
  });
});

describe('CloudTrail: security-relevant calls store what they touched', () => {
  it.each([
    ['ssm', 'StartSession', { target: 'i-0a1b2c3d4e5f67890' }, 'target=i-0a1b2c3d4e5f67890'],
    [
      'ssm',
      'SendCommand',
      { documentName: 'AWS-RunShellScript', instanceIds: ['i-01', 'i-02'], interactive: false },
      'documentName=AWS-RunShellScript; instanceIds=i-01,i-02',
    ],
    [
      'cloudtrail',
      'StopLogging',
      { name: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail' },
      'trail=arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail',
    ],
    ['cloudtrail', 'DeleteTrail', { name: 'org-trail' }, 'trail=org-trail'],
    ['cloudtrail', 'UpdateTrail', { name: 'org-trail', s3BucketName: 'x' }, 'trail=org-trail'],
    [
      'cloudtrail',
      'PutEventSelectors',
      { trailName: 'org-trail', eventSelectors: [] },
      'trailName=org-trail',
    ],
    [
      'logs',
      'DeleteLogGroup',
      { logGroupName: '/aws/lambda/payments' },
      'logGroupName=/aws/lambda/payments',
    ],
    [
      'ec2',
      'ModifySnapshotAttribute',
      {
        snapshotId: 'snap-0123456789abcdef0',
        attributeType: 'CREATE_VOLUME_PERMISSION',
        createVolumePermission: { add: { items: [{ userId: '999988887777' }] } },
      },
      'snapshotId=snap-0123456789abcdef0; sharedWith=999988887777',
    ],
    [
      'rds',
      'ModifyDBSnapshotAttribute',
      { dBSnapshotIdentifier: 'prod-db-final', attributeName: 'restore', valuesToAdd: ['all'] },
      'dBSnapshotIdentifier=prod-db-final; sharedWith=all',
    ],
    [
      'ec2',
      'TerminateInstances',
      { instancesSet: { items: [{ instanceId: 'i-0aaa' }, { instanceId: 'i-0bbb' }] } },
      'instanceIds=i-0aaa,i-0bbb',
    ],
    [
      'guardduty',
      'DeleteDetector',
      { detectorId: '12abc34d567e8fa901bc2d34eexample' },
      'detectorId=12abc34d567e8fa901bc2d34eexample',
    ],
  ])('%s %s', async (service, eventName, requestParameters, resource) => {
    const [e] = await parse(
      record({ eventSource: `${service}.amazonaws.com`, eventName, requestParameters }),
    );
    expect(e).toMatchObject({ action: `${service}.amazonaws.com:${eventName}`, resource });
  });
});
