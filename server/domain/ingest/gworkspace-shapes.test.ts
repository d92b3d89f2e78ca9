import { describe, expect, it } from 'vitest';
import { parseGoogleWorkspace } from './gworkspace';
import { collect, events, rejections } from './test-support';

// Shapes written from the Admin SDK Reports API (activities.list) and Alert Center API
// (alerts) references; ids, names and addresses are examples.

const ID = {
  time: '2026-11-03T10:00:00.000Z',
  uniqueQualifier: '-5526281346226830000',
  applicationName: 'drive',
  customerId: 'C03az79cb',
};
const ACTOR = { callerType: 'USER', email: 'ana@example.com', profileId: '1001' };

const download = (docId: string) => ({
  type: 'access',
  name: 'download',
  parameters: [
    { name: 'doc_id', value: docId },
    { name: 'doc_type', value: 'document' },
    { name: 'visibility', value: 'shared_internally' },
  ],
});

async function parse(records: unknown[]) {
  return collect(parseGoogleWorkspace([records.map((r) => JSON.stringify(r)).join('\n')]));
}

describe('Google Workspace: events of one name inside one activity', () => {
  const activity = {
    kind: 'admin#reports#activity',
    id: ID,
    actor: ACTOR,
    ipAddress: '203.0.113.20',
    events: [download('doc-A'), download('doc-B')],
  };

  it('keeps both when the activity is split one event per record (no id collision)', async () => {
    const split = activity.events.map((e) => ({ ...activity, events: [e] }));
    const list = events(await parse(split));
    expect(list.map((e) => e.resource)).toEqual(['doc-A', 'doc-B']);
    expect(new Set(list.map((e) => e.sourceEventId)).size).toBe(2);
  });

  it('gives the same ids on re-ingest, whole or split, in any order', async () => {
    const whole = events(await parse([activity])).map((e) => e.sourceEventId);
    const again = events(await parse([activity])).map((e) => e.sourceEventId);
    const reversed = events(
      await parse([{ ...activity, events: [...activity.events].reverse() }]),
    ).map((e) => e.sourceEventId);
    const split = events(
      await parse(activity.events.map((e) => ({ ...activity, events: [e] }))),
    ).map((e) => e.sourceEventId);
    expect(again).toEqual(whole);
    expect([...reversed].reverse()).toEqual(whole);
    expect(split).toEqual(whole);
    expect(whole[0]).toMatch(
      /^drive:2026-11-03T10:00:00\.000Z:-5526281346226830000:download:[0-9a-f]{12}$/,
    );
  });

  it('numbers only exact repeats (same name, same parameters)', async () => {
    const list = events(
      await parse([{ ...activity, events: [download('doc-A'), download('doc-A')] }]),
    );
    expect(list[1]!.sourceEventId).toBe(`${list[0]!.sourceEventId}#2`);
  });
});

describe('Google Workspace: outcomes and foreign records', () => {
  it('stores denials such as ACCESS_DENY_EVENT as failures', async () => {
    const caa = {
      kind: 'admin#reports#activity',
      id: { ...ID, applicationName: 'context_aware_access' },
      actor: ACTOR,
      ipAddress: '203.0.113.20',
      events: [
        {
          type: 'CONTEXT_AWARE_ACCESS_USER_EVENT',
          name: 'ACCESS_DENY_EVENT',
          parameters: [
            { name: 'CAA_APPLICATION', value: 'Gmail' },
            { name: 'CAA_ACCESS_LEVEL_UNSATISFIED', multiValue: ['corp_devices_only'] },
          ],
        },
      ],
    };
    const challenge = {
      kind: 'admin#reports#activity',
      id: { ...ID, applicationName: 'login' },
      actor: ACTOR,
      events: [
        {
          type: 'login',
          name: 'login_challenge',
          parameters: [
            { name: 'login_challenge_method', multiValue: ['password'] },
            { name: 'login_challenge_status', value: 'Challenge Failed' },
          ],
        },
        { type: 'login', name: 'login_success', parameters: [] },
      ],
    };
    // An admin's change to a setting named for denials took effect: not a failure.
    const admin = {
      kind: 'admin#reports#activity',
      id: { ...ID, applicationName: 'admin' },
      actor: ACTOR,
      events: [{ type: 'APPLICATION_SETTINGS', name: 'CHANGE_DENY_LIST', parameters: [] }],
    };
    const list = events(await parse([caa, challenge, admin]));
    expect(list.map((e) => [e.action, e.outcome])).toEqual([
      ['context_aware_access.ACCESS_DENY_EVENT', 'failure'],
      ['login.login_challenge', 'failure'],
      ['login.login_success', 'success'],
      ['admin.CHANGE_DENY_LIST', 'success'],
    ]);
  });

  it('says an Alert Center alert is not a Reports API activity', async () => {
    const alert = {
      customerId: 'C03az79cb',
      alertId: '7a1f3c52-0b7e-4a3e-9f43-0c1d2e3f4a5b',
      createTime: '2026-11-03T10:05:00.123Z',
      startTime: '2026-11-03T10:00:00Z',
      type: 'Suspicious login',
      source: 'Google identity',
      data: {
        '@type': 'type.googleapis.com/google.apps.alertcenter.type.AccountWarning',
        email: 'ana@example.com',
        loginDetails: { ipAddress: '203.0.113.20', loginTime: '2026-11-03T10:00:00Z' },
      },
    };
    expect(rejections(await parse([alert]))).toEqual([
      {
        line: 1,
        reason:
          'this is an Alert Center alert (alertId, type, data), not a Reports API activity: the gworkspace format reads Admin SDK Reports activities',
      },
    ]);
  });
});
