import { describe, expect, it } from 'vitest';
import { outboundEnvelope } from '@/server/domain/outbound/events';
import { cefExtensionEscape, cefHeaderEscape, cefLine } from './cef';
import { signalRecord, testRecord } from './records';

describe('CEF', () => {
  it('escapes | and \\ in the header, = \\ and newlines in extensions', () => {
    expect(cefHeaderEscape('a|b\\c')).toBe('a\\|b\\\\c');
    expect(cefExtensionEscape('a=b\\c\nd\r\ne')).toBe('a\\=b\\\\c\\nd\\ne');
    expect(cefExtensionEscape('pipes | stay')).toBe('pipes | stay');
  });

  it('maps a signal event to the header and the useful keys', () => {
    const record = signalRecord(
      outboundEnvelope(
        {
          orgId: '11111111-1111-4111-8111-111111111111',
          seq: 9,
          id: '22222222-2222-4222-8222-222222222222',
          type: 'signal.escalated',
          subjectType: 'signal',
          subjectId: 's',
          data: {
            signal: {
              kind: 'bulk|export',
              severity: 'high',
              explanation: 'Exported 5000 rows\nat night',
              url: 'https://v/signals/s',
            },
            person: { id: 'p', name: 'Ada', email: 'ada@example.com' },
            case: { id: 'c', reference: 'CASE-1', url: 'https://v/cases/c' },
          },
          occurredAt: new Date('2026-12-01T10:00:00Z'),
        },
        'acme',
      ),
    );
    const line = cefLine(record);
    expect(
      line.startsWith('CEF:0|Vigil|Vigil|1|signal.escalated|signal.escalated bulk\\|export|8|'),
    ).toBe(true);
    const ext = line.split('|').slice(-1)[0]!;
    expect(ext).toContain('rt=1796119200000');
    expect(ext).toContain('externalId=22222222-2222-4222-8222-222222222222');
    expect(ext).toContain('duser=ada@example.com');
    expect(ext).toContain('msg=Exported 5000 rows\\nat night');
    expect(ext).toContain('cs1Label=organization cs1=acme');
    expect(ext).toContain('cn1Label=sequence cn1=9');
    expect(ext).not.toContain('suser=');
  });

  it('severity follows the signal: critical 10, info 1', () => {
    const t = testRecord({ id: 'o', slug: 'acme' }, 'id-1', new Date(0));
    expect(cefLine(t).split('|')[6]).toBe('1');
  });
});
