import { z } from 'zod';
import { OUTBOUND_EVENT_TYPES } from '@/server/domain/outbound/events';

/**
 * What an admin may configure for a SIEM destination (docs/INTEGRATIONS.md §SIEM streaming).
 * One schema per kind; the form, the router and the tests all parse through these.
 */
export const SIEM_KINDS = ['syslog', 'splunk_hec'] as const;
export type SiemKind = (typeof SIEM_KINDS)[number];
export const SIEM_SOURCES = ['signals', 'audit'] as const;
export type SiemSource = (typeof SIEM_SOURCES)[number];
export const SIEM_STATUSES = ['active', 'paused', 'needs_attention'] as const;
export type SiemStatus = (typeof SIEM_STATUSES)[number];
export const SYSLOG_TRANSPORTS = ['tcp', 'tls'] as const;
export const SYSLOG_FORMATS = ['json', 'cef'] as const;
export type SyslogFormat = (typeof SYSLOG_FORMATS)[number];
export const SYSLOG_FACILITIES = ['local0', 'auth'] as const;
export type SyslogFacility = (typeof SYSLOG_FACILITIES)[number];

/** The signal events a new destination takes unless the admin adds case or access events. */
export const DEFAULT_SIEM_EVENT_TYPES = ['signal.created', 'signal.escalated'] as const;

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// Loose on purpose: the socket layer rejects a malformed address with a clear error at test time.
const IPV6 = /^[0-9a-f:]+$/i;
const isIp = (h: string) => IPV4.test(h) || (h.includes(':') && IPV6.test(h));

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the syslog host')
  .refine(
    (h) => isIp(h) || (HOSTNAME.test(h) && !/^[\d.]+$/.test(h)),
    'Enter a host name or an IP address',
  );

const portSchema = z.coerce
  .number({ error: 'Enter a port number' })
  .int('Enter a whole port number')
  .min(1, 'A port is between 1 and 65535')
  .max(65535, 'A port is between 1 and 65535');

const PEM = /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/;

/** Blank optional text fields from a form mean "not set". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const common = {
  name: z.string().trim().min(2, 'Name the destination (at least 2 characters)').max(80),
  sources: z
    .array(z.enum(SIEM_SOURCES))
    .min(1, 'Choose what to stream: signals, the audit log or both')
    .transform((s) => [...new Set(s)]),
  eventTypes: z
    .array(z.enum(OUTBOUND_EVENT_TYPES))
    // An empty filter would mean every type (eventMatchesFilter): ask for a choice instead.
    .min(1, 'Choose at least one event type')
    .default([...DEFAULT_SIEM_EVENT_TYPES])
    .transform((s) => [...new Set(s)]),
};

export const syslogConfigSchema = z
  .object({
    host: hostSchema,
    port: portSchema,
    transport: z.enum(SYSLOG_TRANSPORTS).default('tcp'),
    caPem: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(20_000)
        .regex(PEM, 'Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE----- …)')
        .optional(),
    ),
    format: z.enum(SYSLOG_FORMATS).default('json'),
    facility: z.enum(SYSLOG_FACILITIES).default('local0'),
    appName: z
      .string()
      .trim()
      .regex(/^[!-~]{1,48}$/, 'An app-name is 1–48 printable characters without spaces')
      .default('vigil'),
  })
  .refine((c) => c.transport === 'tls' || c.caPem === undefined, {
    message: 'A CA certificate applies to TLS only',
    path: ['caPem'],
  });
export type SyslogConfig = z.output<typeof syslogConfigSchema>;

const safeUrl = (u: string): URL | null => {
  try {
    return new URL(u);
  } catch {
    return null;
  }
};

const hecUrlSchema = z
  .string()
  .trim()
  .refine(
    (u) => /^https?:$/.test(safeUrl(u)?.protocol ?? ''),
    'Enter the collector URL, http(s), e.g. https://splunk.example.com:8088',
  )
  .refine((u) => {
    const url = safeUrl(u);
    return !url || (!url.search && !url.hash && !url.username && !url.password);
  }, 'Give the collector base URL without query, fragment or credentials')
  .transform((u) => u.replace(/\/+$/, '').replace(/\/services\/collector(\/event)?$/, ''));

const splunkName = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_:.-]{1,80}$/, `A ${what} is letters, digits, _ : . or -`)
      .optional(),
  );

export const hecConfigSchema = z.object({
  url: hecUrlSchema,
  index: splunkName('index'),
  sourcetype: splunkName('sourcetype').transform((s) => s ?? 'vigil:event'),
  verifyTls: z.boolean().default(true),
});
export type HecConfig = z.output<typeof hecConfigSchema>;

export const createSiemDestinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('syslog'), ...common, syslog: syslogConfigSchema }),
  z.object({
    kind: z.literal('splunk_hec'),
    ...common,
    hec: hecConfigSchema,
    token: z
      .string({ error: 'Enter the HEC token' })
      .trim()
      .min(8, 'Enter the HEC token Splunk showed when you created it')
      .max(200),
  }),
]);
export type CreateSiemDestinationInput = z.output<typeof createSiemDestinationSchema>;

export const siemDestinationIdSchema = z.object({ id: z.uuid('Choose a destination') });
export type SiemDestinationIdInput = z.output<typeof siemDestinationIdSchema>;

/** What is stored in the `config` column; read back through this (a row may predate a field). */
export const storedSiemConfigSchema = z.union([
  z.object({ kind: z.literal('syslog'), syslog: syslogConfigSchema }),
  z.object({ kind: z.literal('splunk_hec'), hec: hecConfigSchema }),
]);
