// Log records in each source's own format: Okta System Log events, CloudTrail records (IAM
// Identity Center sessions, so the session name is the person's email) and canonical events for
// the in-house consoles (docs/INGEST.md §Per-source mapping).
import type { PersonSpec } from './model';
import type { Place } from './places';

export const AWS_ACCOUNT = '412345678901';

/** Where and how one person is connected during a stretch of work. */
export interface Session {
  person: PersonSpec;
  place: Place;
  ip: string;
  proxy: boolean;
  device: string;
  userAgent: string;
  sessionId: string;
}

export type Timed = { t: number; json: string };

/** Collects every source's records; `serialize` sorts them by time, as exports arrive. */
export class Sinks {
  readonly okta: Timed[] = [];
  readonly cloudtrail: Timed[] = [];
  readonly canonical: Timed[] = [];
  /** The GitHub organization audit log (bench/eval/github-log.ts writes it). */
  readonly github: Timed[] = [];
  private seq = 0;
  constructor(private readonly seed: number) {}

  /** A UUID-shaped id, unique per run and the same for the same seed. */
  uuid(): string {
    const n = (this.seq++).toString(16).padStart(12, '0');
    const s = (this.seed >>> 0).toString(16).padStart(8, '0');
    return `${s}-${n.slice(0, 4)}-4${n.slice(4, 7)}-8${n.slice(7, 10)}-${n.padStart(12, '0')}`;
  }

  oktaEvent(
    s: Session,
    t: number,
    eventType: string,
    opts: {
      app?: string;
      target?: { type: string; alternateId: string; displayName: string }[];
      outcome?: 'SUCCESS' | 'FAILURE';
      message?: string;
    } = {},
  ): void {
    const p = s.person;
    const targets = [
      ...(opts.target ?? []).map((x) => ({ id: `00u${x.alternateId.length}`, ...x })),
      ...(opts.app
        ? [
            {
              id: `0oa${opts.app.replace(/\W/g, '').toLowerCase()}`,
              type: 'AppInstance',
              alternateId: opts.app,
              displayName: opts.app,
            },
          ]
        : []),
    ];
    const geo = {
      city: s.place.city,
      country: s.place.countryName,
      geolocation: { lat: s.place.lat, lon: s.place.lon },
      postalCode: null,
      state: null,
    };
    const record = {
      actor: {
        alternateId: p.email,
        detailEntry: null,
        displayName: p.fullName,
        id: p.oktaId,
        type: 'User',
      },
      authenticationContext: { externalSessionId: s.sessionId, authenticationStep: 0 },
      client: {
        device: 'Computer',
        geographicalContext: geo,
        ipAddress: s.ip,
        userAgent: { rawUserAgent: s.userAgent, os: 'Unknown', browser: 'UNKNOWN' },
        zone: 'null',
      },
      debugContext: { debugData: { deviceFingerprint: s.device, requestUri: '/idp/idx' } },
      displayMessage: opts.message ?? eventType,
      eventType,
      outcome: { reason: null, result: opts.outcome ?? 'SUCCESS' },
      published: new Date(t).toISOString(),
      securityContext: { isProxy: s.proxy, asNumber: null, asOrg: null, domain: null, isp: null },
      severity: 'INFO',
      target: targets.length ? targets : null,
      uuid: this.uuid(),
      version: '0',
    };
    this.okta.push({ t, json: JSON.stringify(record) });
  }

  cloudtrailEvent(
    s: Session,
    t: number,
    role: string,
    eventSource: string,
    eventName: string,
    requestParameters: Record<string, unknown> | null,
    opts: { readOnly?: boolean; userAgent?: string } = {},
  ): void {
    const p = s.person;
    const record = {
      eventVersion: '1.10',
      userIdentity: {
        type: 'AssumedRole',
        principalId: `AROA${p.oktaId.slice(3, 15).toUpperCase()}:${p.email}`,
        arn: `arn:aws:sts::${AWS_ACCOUNT}:assumed-role/${role}/${p.email}`,
        accountId: AWS_ACCOUNT,
        accessKeyId: `ASIA${s.sessionId.slice(0, 12).toUpperCase()}`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            arn: `arn:aws:iam::${AWS_ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${role}`,
            accountId: AWS_ACCOUNT,
            userName: role,
          },
          attributes: { creationDate: new Date(t).toISOString(), mfaAuthenticated: 'false' },
        },
      },
      eventTime: new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource,
      eventName,
      awsRegion: 'eu-west-2',
      sourceIPAddress: s.ip,
      userAgent: opts.userAgent ?? s.userAgent,
      requestParameters,
      responseElements: null,
      requestID: this.uuid(),
      eventID: this.uuid(),
      readOnly: opts.readOnly ?? true,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: AWS_ACCOUNT,
      eventCategory: 'Management',
    };
    this.cloudtrail.push({ t, json: JSON.stringify(record) });
  }

  /** The consoles log the client address, device and agent but no geolocation, as most do. */
  canonicalEvent(
    s: Session,
    t: number,
    system: string,
    action: string,
    opts: { resource?: string; ticket?: string | null; records?: number } = {},
  ): void {
    const record: Record<string, string | number> = {
      event_id: `${system.replace(/\W/g, '').toLowerCase()}-${this.uuid()}`,
      occurred_at: new Date(t).toISOString(),
      actor: s.person.email,
      system,
      action,
    };
    if (opts.resource) record.resource = opts.resource;
    if (opts.records !== undefined) record.record_count = opts.records;
    if (opts.ticket) record.ticket_id = opts.ticket;
    record.ip = s.ip;
    record.device_id = s.device;
    record.user_agent = s.userAgent;
    record.session_id = s.sessionId;
    record.outcome = 'success';
    this.canonical.push({ t, json: JSON.stringify(record) });
  }

  /** NDJSON (Okta, canonical) and a CloudTrail `{"Records":[…]}` file, each in time order. */
  serialize(): { okta: string; cloudtrail: string; consoles: string; github: string } {
    const sorted = (xs: Timed[]) => [...xs].sort((a, b) => a.t - b.t).map((x) => x.json);
    return {
      okta: `${sorted(this.okta).join('\n')}\n`,
      cloudtrail: `{"Records":[\n${sorted(this.cloudtrail).join(',\n')}\n]}\n`,
      consoles: `${sorted(this.canonical).join('\n')}\n`,
      github: `${sorted(this.github).join('\n')}\n`,
    };
  }
}
