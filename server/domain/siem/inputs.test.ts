import { describe, expect, it } from 'vitest';
import { createSiemDestinationSchema } from './inputs';

const syslog = (over: Record<string, unknown> = {}) => ({
  kind: 'syslog',
  name: 'rsyslog',
  sources: ['signals', 'audit'],
  syslog: { host: 'siem.example.com', port: 6514, transport: 'tcp', ...over },
});

describe('SIEM destination inputs', () => {
  it('fills defaults: JSON, local0, app-name vigil, signal events', () => {
    const parsed = createSiemDestinationSchema.parse(syslog());
    expect(parsed).toMatchObject({
      eventTypes: ['signal.created', 'signal.escalated'],
      syslog: { format: 'json', facility: 'local0', appName: 'vigil', port: 6514 },
    });
  });

  it.each([
    [{ host: 'bad host' }, 'host'],
    [{ host: '999.1.1.1' }, 'host'],
    [{ port: 0 }, 'port'],
    [{ port: 70000 }, 'port'],
    [{ caPem: 'not a pem', transport: 'tls' }, 'caPem'],
    [{ caPem: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----' }, 'caPem'],
    [{ appName: 'has space' }, 'appName'],
  ])('refuses %j', (over, field) => {
    const r = createSiemDestinationSchema.safeParse(syslog(over));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.at(-1))).toContain(field);
  });

  it('accepts IPv4 and IPv6 hosts', () => {
    expect(createSiemDestinationSchema.safeParse(syslog({ host: '127.0.0.1' })).success).toBe(true);
    expect(createSiemDestinationSchema.safeParse(syslog({ host: '::1' })).success).toBe(true);
  });

  it('needs a source and, if given, at least one event type', () => {
    expect(createSiemDestinationSchema.safeParse({ ...syslog(), sources: [] }).success).toBe(false);
    expect(createSiemDestinationSchema.safeParse({ ...syslog(), eventTypes: [] }).success).toBe(
      false,
    );
  });

  it('HEC: needs a token and an http(s) base URL, strips the endpoint path', () => {
    const base = {
      kind: 'splunk_hec',
      name: 'Splunk',
      sources: ['audit'],
      hec: { url: 'https://splunk.example.com:8088/services/collector/event' },
    };
    expect(createSiemDestinationSchema.safeParse(base).success).toBe(false);
    const ok = createSiemDestinationSchema.parse({ ...base, token: 'abcd-efgh-1234' });
    expect(ok).toMatchObject({
      hec: { url: 'https://splunk.example.com:8088', sourcetype: 'vigil:event', verifyTls: true },
    });
    for (const url of ['ftp://x', 'not a url', 'https://u:p@x', 'https://x/?a=1'])
      expect(
        createSiemDestinationSchema.safeParse({ ...base, token: 'abcd-efgh', hec: { url } })
          .success,
      ).toBe(false);
  });
});
