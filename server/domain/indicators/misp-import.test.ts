import { describe, expect, it } from 'vitest';
import { parseIndicatorFile } from './parse-file';

const event = {
  Event: {
    uuid: '5e6f7a8b-0000-4000-8000-000000000001',
    info: 'Fake recruiter campaign',
    Orgc: { name: 'CIRCL' },
    Attribute: [
      { uuid: 'a1', type: 'email-src', value: 'Recruiter@Evil.example' },
      { uuid: 'a2', type: 'ip-src', value: '10.0.0.1' },
      { uuid: 'a3', type: 'phone-number', value: 'not a phone' },
      { uuid: 'a4', type: 'email-src', value: 'gone@evil.example', deleted: true },
    ],
    Object: [
      {
        uuid: 'o1',
        name: 'person',
        Attribute: [
          { uuid: 'o1a', type: 'first-name', object_relation: 'first-name', value: 'Lee' },
          { uuid: 'o1b', type: 'last-name', object_relation: 'last-name', value: 'Chan' },
          { uuid: 'o1c', type: 'github-username', object_relation: 'github', value: 'leechan' },
        ],
      },
    ],
  },
};

describe('parseMispEvents', () => {
  it('maps identifier attributes, names objects, ignores the rest and rejects bad values', () => {
    const feed = parseIndicatorFile(JSON.stringify(event));
    expect(feed.format).toBe('misp');
    expect(feed.ignored).toBe(1);
    expect(feed.rejected).toEqual([
      { id: 'a3', reason: 'phone-number: "not a phone" is not a phone number (use +country code)' },
    ]);
    expect(feed.entries).toEqual([
      {
        ref: event.Event.uuid,
        source: 'CIRCL',
        name: 'Fake recruiter campaign',
        aliases: [],
        identifiers: [{ kind: 'email', value: 'recruiter@evil.example' }],
      },
      {
        ref: 'o1',
        source: 'CIRCL',
        name: 'Lee Chan',
        aliases: [],
        identifiers: [{ kind: 'github', value: 'leechan' }],
      },
    ]);
  });

  it('reads a response list and refuses what is not an event', () => {
    expect(parseIndicatorFile(JSON.stringify({ response: [event] })).entries).toHaveLength(2);
    expect(parseIndicatorFile(JSON.stringify({ Event: 'x' })).rejected).toEqual([
      { id: '(event)', reason: 'not a MISP event ({"Event": {…}})' },
    ]);
  });
});
