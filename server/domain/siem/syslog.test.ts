import { describe, expect, it } from 'vitest';
import { outboundEnvelope } from '@/server/domain/outbound/events';
import { auditRecord, signalRecord } from './records';
import { headerField, octetFrame, priority, sdParamEscape, syslogMessage } from './syslog';

const ORG = '11111111-1111-4111-8111-111111111111';
const signal = signalRecord(
  outboundEnvelope(
    {
      orgId: ORG,
      seq: 7,
      id: '22222222-2222-4222-8222-222222222222',
      type: 'signal.created',
      subjectType: 'signal',
      subjectId: 'x',
      data: {
        signal: { id: 'x', kind: 'watchlist_match', severity: 'critical', explanation: 'a=b' },
        person: { id: 'p', name: 'Ada', email: 'ada@example.com' },
      },
      occurredAt: new Date('2026-12-01T10:00:00.123Z'),
    },
    'acme "one"]',
  ),
);
const audit = auditRecord(
  {
    orgId: ORG,
    seq: 3,
    id: '33333333-3333-4333-8333-333333333333',
    occurredAt: new Date('2026-12-01T11:00:00Z'),
    actorType: 'user',
    actorId: null,
    actorLabel: 'admin@example.com',
    action: 'vendor.held',
    entityType: 'vendor',
    entityId: 'v1',
    before: null,
    after: { status: 'on_hold' },
    requestId: null,
    ip: '203.0.113.9',
    prevHash: 'a',
    hash: 'b',
  },
  'acme',
);

const RFC5424 =
  /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (\[vigil@32473(?: [a-z]+="(?:[^"\\\]]|\\.)*")+\]) (.*)$/s;

describe('RFC 5424 messages', () => {
  it('computes PRI from facility and severity', () => {
    expect(priority('local0', 'critical')).toBe(130);
    expect(priority('local0', 'info')).toBe(134);
    expect(priority('auth', 'high')).toBe(35);
  });

  it('escapes ", \\ and ] in SD-PARAM values only', () => {
    expect(sdParamEscape('a"b\\c]d[e=')).toBe('a\\"b\\\\c\\]d[e=');
  });

  it('keeps header fields printable ASCII, bounded, and - when empty', () => {
    expect(headerField('my app', 48)).toBe('my_app');
    expect(headerField('', 32)).toBe('-');
    expect(headerField('x'.repeat(40), 32)).toHaveLength(32);
  });

  it('writes a signal event as JSON with its structured data', () => {
    const msg = syslogMessage(signal, {
      facility: 'local0',
      hostname: 'vigil.example.com',
      appName: 'vigil',
      format: 'json',
    });
    const m = RFC5424.exec(msg);
    expect(m).not.toBeNull();
    expect(m!.slice(1, 7)).toEqual([
      '130',
      '2026-12-01T10:00:00.123Z',
      'vigil.example.com',
      'vigil',
      '-',
      'signal.created',
    ]);
    expect(m![7]).toBe(
      '[vigil@32473 org="acme \\"one\\"\\]" stream="signals" seq="7" id="22222222-2222-4222-8222-222222222222"]',
    );
    expect(JSON.parse(m![8]!)).toMatchObject({ type: 'signal.created', sequence: 7 });
  });

  it('writes an audit entry with msgid audit, informational, as CEF', () => {
    const msg = syslogMessage(audit, {
      facility: 'auth',
      hostname: 'h',
      appName: 'vigil',
      format: 'cef',
    });
    const m = RFC5424.exec(msg)!;
    expect(m[1]).toBe(String(4 * 8 + 6));
    expect(m[6]).toBe('audit');
    expect(m[8]).toMatch(/^CEF:0\|Vigil\|Vigil\|1\|vendor\.held\|audit vendor\.held\|1\|/);
  });

  it('frames with the octet count of the UTF-8 bytes (RFC 6587 §3.4.1)', () => {
    expect(octetFrame('abc')).toBe('3 abc');
    expect(octetFrame('é')).toBe('2 é');
  });
});
