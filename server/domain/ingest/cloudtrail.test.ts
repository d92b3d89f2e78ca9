import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCloudTrail } from './cloudtrail';
import {
  chunked,
  collect,
  events,
  expectWellFormed,
  fixtureFiles,
  fixtureRecords,
  readFixture,
  rejections,
  repeatedIds,
} from './test-support';

const FILES = fixtureFiles('cloudtrail');
const REJECTED: Record<string, string> = {
  'cloudtrail-digest.ndjson':
    'a CloudTrail digest file (hashes of delivered log files), not an event record: ingest the log files it lists',
  // The AWS documentation example this fixture copies has no eventID.
  'create-key-pair.ndjson': 'missing eventID (the CloudTrail event id)',
};
// Published test inputs that reuse one eventID for two variants of a record.
const REPEATED: Record<string, string[]> = {
  'assume-role.ndjson': ['1917948f-3042-46ec-98e2-62865EXAMPLE'],
  'console-login.ndjson': ['11ea990b-4678-4bcd-8fbe-625EXAMPLE'],
};

async function parseFile(file: string) {
  return collect(parseCloudTrail(chunked(readFixture('cloudtrail', file), 13)));
}

describe('parseCloudTrail over the published fixtures', () => {
  it('finds all 13 CloudTrail fixture files', () => {
    expect(FILES).toHaveLength(13);
  });

  it.each(FILES)('%s: every record parses or is rejected with a reason', async (file) => {
    const results = await parseFile(file);
    expect(results).toHaveLength(fixtureRecords('cloudtrail', file).length);
    const reason = REJECTED[file];
    if (reason) {
      expect(rejections(results)).toEqual([{ line: 1, reason }]);
      return;
    }
    expect(rejections(results)).toEqual([]);
    const list = events(results);
    expectWellFormed(list);
    expect(repeatedIds(list)).toEqual(REPEATED[file] ?? []);
    for (const e of list) {
      expect(e.source).toBe('cloudtrail');
      expect(e.action).toMatch(/^[a-z0-9.-]+\.amazonaws\.com:[A-Za-z]+$/);
      expect(e.country).toBeNull(); // CloudTrail carries no geolocation
    }
  });

  it.each([
    [
      'assume-role-email-session.ndjson',
      {
        sourceEventId: '2a17948f-3042-46ec-98e2-62865EXAMPLE',
        occurredAt: new Date('2019-10-02T22:12:29Z'),
        // IAM Identity Center: the session name is the person's email.
        actor: 'firstname.lastname@example.com',
        actorKind: 'email',
        actorAlternates: [
          {
            kind: 'aws',
            value:
              'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_SecurityAudit_8df5ccd37b/firstname.lastname@example.com',
          },
        ],
        system: '111111111111',
        action: 'sts.amazonaws.com:AssumeRole',
        resource: 'roleArn=arn:aws:iam::111111111111:role/JohnRole2',
        ip: '81.2.69.144',
        // A long-term key (AKIA…): its calls are grouped per day.
        sessionId: 'AKIAI44QH8DHBEXAMPLE:2019-10-02',
        outcome: 'success',
      },
    ],
    [
      'attach-user-policy.ndjson',
      {
        // An EC2 instance role session: a machine, named by its session ARN.
        actor: 'arn:aws:sts::000000000:assumed-role/ec2-instance-role/i-06815aa7cf7d21f8f',
        actorKind: 'machine',
        system: '000000000',
        action: 'iam.amazonaws.com:AttachUserPolicy',
        resource:
          'userName=pwncloud-backdoor-user; policyArn=arn:aws:iam::aws:policy/AdministratorAccess',
        ip: '216.160.83.56',
      },
    ],
    [
      'batch-get-secret-value.ndjson',
      {
        actor: 'test@elastic.co',
        actorKind: 'email',
        actorAlternates: [{ kind: 'aws', value: 'arn:aws:iam::000000000:user/test@elastic.co' }],
        action: 'secretsmanager.amazonaws.com:BatchGetSecretValue',
        recordCount: 2, // two secrets read in one call
      },
    ],
    [
      'console-login.ndjson',
      {
        sourceEventId: '3fcfb182-98f8-4744-bd45-10aEXAMPLE',
        occurredAt: new Date('2014-07-16T15:49:27Z'),
        actor: 'arn:aws:iam::111122223333:user/JohnDoe', // an IAM user: keyed by account
        actorKind: 'aws',
        system: '111122223333', // no recipientAccountId: the caller's account
        action: 'signin.amazonaws.com:ConsoleLogin',
        ip: '89.160.20.156',
        userAgent: 'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:24.0) Gecko/20100101 Firefox/24.0',
        outcome: 'success',
      },
    ],
    [
      'delete-bucket.ndjson',
      {
        actor: 'devdsk',
        system: '777788889999',
        action: 's3.amazonaws.com:DeleteBucket',
        resource: 'bucketName=my-test-bucket-cross-account',
      },
    ],
  ])('%s maps actor, system, action, resource and IP', async (file, expected) => {
    const [first] = events(await parseFile(file));
    expect(first).toMatchObject(expected);
  });

  it('marks failed console sign-ins and reads assumed-role sessions', async () => {
    const list = events(await parseFile('console-login.ndjson'));
    expect(list.map((e) => [e.actor, e.outcome])).toEqual([
      ['arn:aws:iam::111122223333:user/JohnDoe', 'success'],
      ['arn:aws:iam::111122223333:user/JaneDoe', 'failure'],
      ['MySessionName', 'failure'],
    ]);
  });

  it('reads the S3 log file envelope, pretty or on one line, plain or gzipped', async () => {
    const records = FILES.filter((f) => !REJECTED[f]).flatMap((f) =>
      fixtureRecords('cloudtrail', f),
    );
    const expected = events(
      await collect(parseCloudTrail([records.map((r) => JSON.stringify(r)).join('\n')])),
    ).map((e) => [e.sourceEventId, e.actor, e.action]);
    expect(expected).toHaveLength(14);
    const oneLine = JSON.stringify({ Records: records });
    const pretty = JSON.stringify({ Records: records }, null, 2);
    for (const body of [oneLine, pretty, `${oneLine}\n${oneLine}\n`]) {
      for (const input of [chunked(body, 257), chunked(gzipSync(body), 64)]) {
        const results = await collect(parseCloudTrail(input));
        expect(rejections(results)).toEqual([]);
        const got = events(results).map((e) => [e.sourceEventId, e.actor, e.action]);
        expect(got).toEqual(
          body.startsWith(`${oneLine}\n`) ? [...expected, ...expected] : expected,
        );
      }
    }
  });

  it('reads gzipped NDJSON and keeps line numbers across a blank line', async () => {
    const text =
      readFixture('cloudtrail', 'create-policy.ndjson') +
      readFixture('cloudtrail', 'copy-object.ndjson');
    const results = await collect(parseCloudTrail(chunked(gzipSync(text), 50)));
    expect(results.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [3, true],
    ]);
  });

  it('rejects a digest inside an envelope stream and continues', async () => {
    const digest = fixtureRecords('cloudtrail', 'cloudtrail-digest.ndjson')[0];
    const record = fixtureRecords('cloudtrail', 'delete-bucket.ndjson')[0];
    const results = await collect(parseCloudTrail([JSON.stringify({ Records: [digest, record] })]));
    expect(results.map((r) => r.ok)).toEqual([false, true]);
  });
});
