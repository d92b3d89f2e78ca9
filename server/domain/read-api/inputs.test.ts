import { describe, expect, it } from 'vitest';
import {
  readAuditSchema,
  readCasesSchema,
  readPeopleSchema,
  readRiskPeopleSchema,
  readSignalsSchema,
} from './inputs';

// The format services/shared/keyset.ts writes: base64url JSON of the sort key.
const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const ID = '3f0e9a52-8a4b-4c1e-9d7a-2b1c0e6f5a10';
const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('read API query schemas', () => {
  it('pages 100 rows by default and takes a limit from 1 to 500', () => {
    expect(readPeopleSchema.parse({})).toEqual({ limit: 100 });
    expect(readPeopleSchema.parse({ limit: '500' }).limit).toBe(500);
    for (const limit of ['0', '501', '-1', '1.5', 'ten', '1e2'])
      expect({ limit, ok: readPeopleSchema.safeParse({ limit }).success }).toEqual({
        limit,
        ok: false,
      });
  });

  it('takes one or several comma-separated values of a filter, and only known ones', () => {
    expect(readSignalsSchema.parse({ status: 'open, acknowledged', severity: 'critical' })).toEqual(
      { status: ['open', 'acknowledged'], severity: ['critical'], limit: 100 },
    );
    const bad = readSignalsSchema.safeParse({ status: 'open,closed' });
    expect(messages(bad)[0]).toMatch(/one or more of open, acknowledged/);
    expect(readPeopleSchema.safeParse({ status: 'left', type: 'employee' }).success).toBe(true);
    expect(readPeopleSchema.safeParse({ type: 'robot' }).success).toBe(false);
  });

  it('refuses parameters it does not know', () => {
    const result = readPeopleSchema.safeParse({ stauts: 'active' });
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['stauts'] });
  });

  it('decodes a cursor into the values its list writes, and refuses crafted or damaged ones', () => {
    const at = '2026-09-17T22:14:03.123456Z';
    expect(readSignalsSchema.parse({ cursor: cursor([at, ID]) }).cursor).toEqual([at, ID]);
    expect(readRiskPeopleSchema.parse({ cursor: cursor([87.25, ID]) }).cursor).toEqual([87.25, ID]);
    expect(readAuditSchema.parse({ cursor: cursor([42]) }).cursor).toEqual([42]);
    expect(readPeopleSchema.parse({ cursor: cursor(['ada okafor', ID]) }).cursor).toEqual([
      'ada okafor',
      ID,
    ]);
    const crafted = [
      'not-a-cursor!',
      cursor(['yesterday', ID]),
      cursor(['0000-01-01T00:00:00Z', ID]),
      cursor([at, 'not-a-uuid']),
      cursor([at, ID, 'extra']),
      cursor({ seq: 1 }),
      'x'.repeat(2001),
    ];
    for (const c of crafted) {
      const result = readSignalsSchema.safeParse({ cursor: c });
      expect({ c, messages: messages(result) }).toEqual({
        c,
        messages: ['That page link is not valid; start again from the first page (no cursor).'],
      });
    }
    expect(readAuditSchema.safeParse({ cursor: cursor([0]) }).success).toBe(false);
    expect(readAuditSchema.safeParse({ cursor: cursor([1.5]) }).success).toBe(false);
    expect(readPeopleSchema.safeParse({ cursor: cursor(['a\u0000', ID]) }).success).toBe(false);
  });

  it('takes times with an offset or dates, in order', () => {
    const parsed = readSignalsSchema.parse({
      since: '2026-09-01',
      until: '2026-09-17T22:00:00+02:00',
    });
    expect(parsed.since).toEqual(new Date('2026-09-01T00:00:00Z'));
    expect(parsed.until).toEqual(new Date('2026-09-17T20:00:00Z'));
    for (const since of ['yesterday', '2026-09-17T22:00:00', '2026-02-30', '0000-01-01'])
      expect({ since, ok: readSignalsSchema.safeParse({ since }).success }).toEqual({
        since,
        ok: false,
      });
    const reversed = readAuditSchema.safeParse({ since: '2026-09-02', until: '2026-09-01' });
    expect(reversed.error?.issues[0]).toMatchObject({
      path: ['until'],
      message: 'until must be later than since',
    });
  });

  it('refuses text PostgreSQL cannot hold and bad ids', () => {
    expect(readPeopleSchema.safeParse({ q: 'ada\u0000' }).success).toBe(false);
    expect(readPeopleSchema.safeParse({ q: 'x'.repeat(201) }).success).toBe(false);
    expect(messages(readPeopleSchema.safeParse({ vendorId: '42' }))).toEqual([
      'Give an id (a UUID)',
    ]);
  });

  it('reads an assignee as none, a user id or an email', () => {
    const assignee = (value: string) => readCasesSchema.safeParse({ assignee: value });
    expect(assignee('none').data?.assignee).toEqual({ kind: 'none' });
    expect(assignee(ID).data?.assignee).toEqual({ kind: 'user', userId: ID });
    expect(assignee('Ana@Acme.test').data?.assignee).toEqual({
      kind: 'email',
      email: 'ana@acme.test',
    });
    expect(assignee('ana').success).toBe(false);
  });

  it('takes a minimum score from 0 to 100 and audit actions exactly or by prefix', () => {
    expect(readRiskPeopleSchema.parse({ minScore: '70.5' }).minScore).toBe(70.5);
    for (const minScore of ['101', '-1', 'high', '1e2'])
      expect(readRiskPeopleSchema.safeParse({ minScore }).success).toBe(false);
    expect(readAuditSchema.parse({ action: 'access.*' }).action).toBe('access.*');
    expect(readAuditSchema.parse({ action: 'case.opened' }).action).toBe('case.opened');
    for (const action of ['%', 'case.*.x', 'a b'])
      expect(readAuditSchema.safeParse({ action }).success).toBe(false);
  });
});
