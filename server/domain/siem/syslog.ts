import { cefLine } from './cef';
import type { SyslogFacility, SyslogFormat } from './inputs';
import type { SiemRecord, SiemSeverity } from './records';

/**
 * RFC 5424 messages with RFC 6587 §3.4.1 octet-counting framing, the form rsyslog and syslog-ng
 * read over TCP and TLS (RFC 5425) (docs/INTEGRATIONS.md §SIEM streaming).
 */
export const FACILITY_CODES: Record<SyslogFacility, number> = { auth: 4, local0: 16 };

/** RFC 5424 severities: 2 critical, 3 error, 4 warning, 5 notice, 6 informational. */
export const SYSLOG_SEVERITY: Record<SiemSeverity, number> = {
  critical: 2,
  high: 3,
  medium: 4,
  low: 5,
  info: 6,
};

/**
 * The SD-ID under a private enterprise number: 32473 is the number RFC 5612 reserves for
 * documentation, used here so receivers key on a stable `vigil@32473`.
 */
export const SD_ID = 'vigil@32473';

export function priority(facility: SyslogFacility, severity: SiemSeverity): number {
  return FACILITY_CODES[facility] * 8 + SYSLOG_SEVERITY[severity];
}

/** RFC 5424 §6.3.3: inside PARAM-VALUE, `"`, `\` and `]` are escaped with a backslash. */
export function sdParamEscape(value: string): string {
  return value.replace(/[\\"\]]/g, (c) => `\\${c}`);
}

/** A header field: printable US-ASCII without spaces, at most `max` characters, `-` when empty. */
export function headerField(value: string, max: number): string {
  const clean = value.replace(/[^!-~]/g, '_').slice(0, max);
  return clean === '' ? '-' : clean;
}

export interface SyslogOptions {
  facility: SyslogFacility;
  hostname: string;
  appName: string;
  format: SyslogFormat;
}

export function syslogMessage(record: SiemRecord, o: SyslogOptions): string {
  const sd =
    `[${SD_ID} org="${sdParamEscape(record.organization.slug)}"` +
    ` stream="${record.stream}" seq="${record.sequence}" id="${sdParamEscape(record.id)}"]`;
  const msg = o.format === 'cef' ? cefLine(record) : JSON.stringify(record.body);
  return [
    `<${priority(o.facility, record.severity)}>1`,
    record.occurredAt,
    headerField(o.hostname, 255),
    headerField(o.appName, 48),
    '-',
    headerField(record.type, 32),
    sd,
    msg,
  ].join(' ');
}

/** RFC 6587 §3.4.1: `MSG-LEN SP SYSLOG-MSG`, the length in octets of the UTF-8 message. */
export function octetFrame(message: string): string {
  return `${new TextEncoder().encode(message).length} ${message}`;
}
