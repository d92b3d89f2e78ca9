import { createHash } from 'node:crypto';
import { toCountryCode } from './country';
import { decodeText, type DecodeOptions, type IngestInput } from './decode';
import type { ActorIdentifier, ParsedRecord } from './event';
import { readJsonRecords } from './json-records';
import { mapRecords, reject, type MapResult } from './map-records';
import {
  at,
  coordinates,
  ipAddress,
  isEmail,
  isObject,
  parseTime,
  text,
  type JsonObject,
} from './values';

/**
 * GitHub organization and enterprise audit log (`GET /orgs/{org}/audit-log`,
 * `GET /enterprises/{enterprise}/audit-log`, the UI's JSON export, audit-log streaming): a JSON
 * array or NDJSON (docs/INGEST.md §GitHub).
 */
export function parseGitHub(
  input: IngestInput,
  options?: DecodeOptions,
): AsyncGenerator<ParsedRecord> {
  return mapRecords(readJsonRecords(decodeText(input, options), []), mapGitHubEvent);
}

/** Every GitHub event happens in one system; grants on it are named `GitHub` (docs/INGEST.md). */
export const GITHUB_SYSTEM = 'GitHub';

// Epoch milliseconds GitHub may write: after 2008 (GitHub's founding) and before 2200.
const MIN_MS = Date.UTC(2008, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);

/** `@timestamp` / `created_at`: epoch milliseconds (a number or digits), or an RFC 3339 string. */
export function gitHubTime(value: unknown): Date | null {
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{12,14}$/.test(value.trim())
        ? Number(value.trim())
        : null;
  if (ms !== null) return Number.isFinite(ms) && ms >= MIN_MS && ms < MAX_MS ? new Date(ms) : null;
  return parseTime(value, true);
}

/** What the event touched, first of these that is set (docs/INGEST.md §GitHub). */
function resourceOf(record: JsonObject, action: string): string | null {
  const repo = text(record.repo) ?? text(record.repository);
  // repo.access carries the new visibility (`visibility`; `previous_visibility` the old one).
  // `public_repo` is not read for it: whether it names the state before or after is not documented.
  const visibility = text(record.visibility)?.toLowerCase();
  if (repo && action === 'repo.access' && visibility) return `${repo} (visibility: ${visibility})`;
  if (repo) return repo;
  const added = Array.isArray(record.repositories_added_names)
    ? record.repositories_added_names.map((r) => text(r)).filter(Boolean)
    : [];
  return (
    text(record.integration) ??
    text(record.oauth_application) ??
    (added.length ? added.slice(0, 5).join(', ') : null) ??
    text(at(record, 'data', 'team')) ??
    text(record.team) ??
    text(record.user) ??
    text(record.org) ??
    text(record.business)
  );
}

/** A stable id for records without `_document_id` (older exports): the record's own content. */
function derivedId(record: JsonObject, occurredAt: Date, action: string, actor: string): string {
  const digest = createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 24);
  return `gh:${occurredAt.getTime()}:${action}:${actor}:${digest}`.slice(0, 300);
}

export function mapGitHubEvent(record: JsonObject): MapResult {
  const action = text(record.action);
  if (!action) return reject('missing action');
  const occurredAt = gitHubTime(record['@timestamp']) ?? gitHubTime(record.created_at);
  if (!occurredAt) return reject('missing or invalid @timestamp and created_at');
  const actor = text(record.actor);
  // Anonymous reads of public repositories (git.clone with user_id 0) name nobody.
  if (!actor)
    return reject(
      'missing actor (GitHub logs anonymous access to public repositories without one)',
    );

  // Enterprise Managed Users and SAML SSO carry the work email the handle signs in with.
  const actorAlternates: ActorIdentifier[] = [];
  for (const key of ['external_identity_nameid', 'external_identity_username']) {
    const v = text(record[key]);
    if (v && isEmail(v) && !actorAlternates.some((a) => a.value === v))
      actorAlternates.push({ kind: 'email', value: v });
  }

  const location = isObject(record.actor_location) ? record.actor_location : {};
  const status = typeof record.status_code === 'number' ? record.status_code : null;
  const failed = action.endsWith('.rejected_ref_update') || (status !== null && status >= 400);

  return {
    ok: true,
    events: [
      {
        sourceEventId: text(record._document_id) ?? derivedId(record, occurredAt, action, actor),
        source: 'github',
        occurredAt,
        actor,
        actorKind: 'github',
        actorAlternates,
        system: GITHUB_SYSTEM,
        action,
        resource: resourceOf(record, action),
        recordCount: 1,
        ticketId: null,
        ip: ipAddress(record.actor_ip) ?? ipAddress(location.ip),
        country: toCountryCode(text(location.country_code) ?? text(location.country_name)),
        city: text(location.city),
        ...coordinates(at(location, 'location', 'lat'), at(location, 'location', 'lon')),
        deviceId: null,
        userAgent: text(record.user_agent),
        // The token an API or git call used: calls with one token are one "session".
        sessionId: text(record.hashed_token),
        outcome: failed ? 'failure' : 'success',
        isProxy: null,
        raw: record,
      },
    ],
  };
}
