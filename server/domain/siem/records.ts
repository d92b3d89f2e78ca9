import type { OutboundEnvelope } from '@/server/domain/outbound/events';

/**
 * One record a SIEM destination receives (docs/INTEGRATIONS.md §SIEM streaming): an outbound event
 * (the `signals` source), an audit entry (the `audit` source) or the one test record. Each carries
 * a stable `id` so a receiver can drop the one batch a crash may repeat.
 */
export type SiemSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface SiemRecord {
  stream: 'signals' | 'audit' | 'test';
  id: string;
  sequence: number;
  /** The syslog MSGID and CEF signature id: the event type, or `audit`. */
  type: string;
  occurredAt: string;
  organization: { id: string; slug: string };
  severity: SiemSeverity;
  /** What JSON formats carry: the outbound envelope, or the audit entry in the same shape. */
  body: Record<string, unknown>;
  cef: CefFields;
}

export interface CefFields {
  signatureId: string;
  name: string;
  /** Extension keys in the order written. */
  extensions: [key: string, value: string | number | null | undefined][];
}

/** An audit entry as the streamer reads it from `audit_log`. */
export interface StoredAuditEntry {
  orgId: string;
  seq: number;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const SEVERITIES: readonly SiemSeverity[] = ['low', 'medium', 'high', 'critical'];
const asSeverity = (v: unknown): SiemSeverity | undefined => SEVERITIES.find((s) => s === v);

/** The severity an event carries: its signal's or case's, high for a failing connector. */
function eventSeverity(e: OutboundEnvelope): SiemSeverity {
  const data = e.data;
  if (e.type === 'connector.failed') return 'high';
  return asSeverity(obj(data.signal).severity) ?? asSeverity(obj(data.case).severity) ?? 'info';
}

/** A short human name for CEF: what happened and to what. */
function eventName(e: OutboundEnvelope): string {
  const d = e.data;
  const signal = obj(d.signal);
  const kase = obj(d.case);
  const grant = obj(d.grant);
  if (e.type.startsWith('signal.')) return `${e.type} ${str(signal.kind) ?? ''}`.trim();
  if (e.type.startsWith('case.')) return `${e.type} ${str(kase.reference) ?? ''}`.trim();
  if (e.type.startsWith('access.'))
    return `${e.type} ${str(grant.system) ?? ''} ${str(grant.privilege) ?? ''}`.trim();
  return e.type;
}

export function signalRecord(e: OutboundEnvelope): SiemRecord {
  const d = e.data;
  const signal = obj(d.signal);
  const kase = obj(d.case);
  const person = obj(d.person);
  const subject = signal.url ?? kase.url ?? obj(d.grant).url ?? obj(d.package).url ?? d.url;
  return {
    stream: 'signals',
    id: e.id,
    sequence: e.sequence,
    type: e.type,
    occurredAt: e.occurredAt,
    organization: e.organization,
    severity: eventSeverity(e),
    body: e as unknown as Json,
    cef: {
      signatureId: e.type,
      name: eventName(e),
      extensions: [
        ['rt', Date.parse(e.occurredAt)],
        ['externalId', e.id],
        ['act', e.type],
        ['suser', str(d.by)],
        ['duser', str(person.email) ?? str(person.name)],
        ['msg', str(signal.explanation) ?? str(kase.title) ?? str(d.error) ?? str(d.reason)],
        ['request', str(subject)],
        ['cs1Label', 'organization'],
        ['cs1', e.organization.slug],
        ['cs2Label', 'stream'],
        ['cs2', 'signals'],
        ['cn1Label', 'sequence'],
        ['cn1', e.sequence],
      ],
    },
  };
}

/** An audit entry as one record, in the outbound envelope's shape (type `audit.entry`). */
export function auditRecord(a: StoredAuditEntry, orgSlug: string): SiemRecord {
  const occurredAt = a.occurredAt.toISOString();
  const organization = { id: a.orgId, slug: orgSlug };
  const entity = a.entityId ? `${a.entityType}:${a.entityId}` : a.entityType;
  return {
    stream: 'audit',
    id: a.id,
    sequence: a.seq,
    type: 'audit',
    occurredAt,
    organization,
    severity: 'info',
    body: {
      id: a.id,
      type: 'audit.entry',
      version: 1,
      sequence: a.seq,
      occurredAt,
      organization,
      data: {
        actor: { type: a.actorType, id: a.actorId, label: a.actorLabel },
        action: a.action,
        entity: { type: a.entityType, id: a.entityId },
        before: a.before ?? null,
        after: a.after ?? null,
        requestId: a.requestId,
        ip: a.ip,
        prevHash: a.prevHash,
        hash: a.hash,
      },
    },
    cef: {
      signatureId: a.action,
      name: `audit ${a.action}`,
      extensions: [
        ['rt', a.occurredAt.getTime()],
        ['externalId', a.id],
        ['act', a.action],
        ['suser', a.actorLabel],
        ['src', a.ip],
        ['msg', `${a.action} on ${entity}`],
        ['cs1Label', 'organization'],
        ['cs1', orgSlug],
        ['cs2Label', 'stream'],
        ['cs2', 'audit'],
        ['cs3Label', 'entity'],
        ['cs3', entity],
        ['cs4Label', 'hash'],
        ['cs4', a.hash],
        ['cn1Label', 'sequence'],
        ['cn1', a.seq],
      ],
    },
  };
}

/** The one record "Test connection" sends; receivers can drop it by its type. */
export function testRecord(
  organization: { id: string; slug: string },
  id: string,
  now: Date,
): SiemRecord {
  const occurredAt = now.toISOString();
  return {
    stream: 'test',
    id,
    sequence: 0,
    type: 'siem.test',
    occurredAt,
    organization,
    severity: 'info',
    body: {
      id,
      type: 'siem.test',
      version: 1,
      sequence: 0,
      occurredAt,
      organization,
      data: { message: 'Vigil test record: this destination is reachable.' },
    },
    cef: {
      signatureId: 'siem.test',
      name: 'Vigil test record',
      extensions: [
        ['rt', now.getTime()],
        ['externalId', id],
        ['act', 'siem.test'],
        ['msg', 'Vigil test record: this destination is reachable.'],
        ['cs1Label', 'organization'],
        ['cs1', organization.slug],
      ],
    },
  };
}
