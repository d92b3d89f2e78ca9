import { GRANT_STATUSES } from '@/server/domain/access/grant';
import { CASE_OUTCOMES, CASE_SEVERITIES, CASE_STATUSES } from '@/server/domain/cases/case';
import { SEVERITIES, SIGNAL_KINDS } from '@/server/domain/detectors/types';
import {
  BACKGROUND_CHECK_STATUSES,
  PERSON_STATUSES,
  PERSON_TYPES,
} from '@/server/domain/inventory/person';
import { VENDOR_STATUSES, VENDOR_TIERS } from '@/server/domain/inventory/vendor';
import type {
  ReadAuditEntry,
  ReadCase,
  ReadGrant,
  ReadPerson,
  ReadPersonRisk,
  ReadSignal,
  ReadVendor,
} from '@/server/domain/read-api/shapes';
import { RISK_BANDS } from '@/server/domain/risk/bands';
import { SIGNAL_STATUSES } from '@/server/domain/risk/person-input';
// Types only: openapi.ts imports this file's values.
import type { JsonSchema } from './openapi';

// The read API's answer schemas (docs/INTERFACES.md §HTTP read API). Each one's properties are
// keyed by the shape the service answers (server/domain/read-api/shapes.ts), so a field cannot be
// added there without being documented here.

export const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});
/** The same value, or null (an enum lists null too, or null would fail it). */
const orNull = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  type: [schema.type as 'string' | 'integer', 'null'],
  ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
});
const id = (description: string) => str(description, { format: 'uuid' });
const instant = (description: string) => str(description, { format: 'date-time' });
const day = (description: string) => str(description, { format: 'date' });
const oneOf = (values: readonly string[], description = '') => str(description, { enum: values });
export const score = (description: string): JsonSchema => ({
  type: 'number',
  minimum: 0,
  maximum: 100,
  description,
});
const ids = (description: string): JsonSchema => ({
  type: 'array',
  description,
  items: { type: 'string', format: 'uuid' },
});

const personProperties: Record<keyof ReadPerson, JsonSchema> = {
  id: id('The person.'),
  email: str('Unique in the organization.', { format: 'email' }),
  fullName: str('Full name.'),
  type: oneOf(PERSON_TYPES),
  status: oneOf(PERSON_STATUSES, '`left` once the end date has passed, else `active`.'),
  vendorId: orNull(id('Their vendor (vendor staff, some contractors).')),
  managerId: orNull(id('Their manager, a person.')),
  department: orNull(str('Department.')),
  title: orNull(str('Job title.')),
  country: orNull(str('ISO 3166-1 alpha-2.')),
  startDate: orNull(day('First day.')),
  endDate: orNull(day('Last day.')),
  identityVerifiedAt: orNull(instant('When their identity was verified.')),
  backgroundCheckStatus: oneOf(BACKGROUND_CHECK_STATUSES),
  createdAt: instant('Added to Vigil.'),
  updatedAt: instant('Last changed.'),
};

const vendorProperties: Record<keyof ReadVendor, JsonSchema> = {
  id: id('The vendor.'),
  name: str('Unique in the organization (case-insensitive).'),
  country: orNull(str('ISO 3166-1 alpha-2.')),
  services: str('What the vendor does for the organization.'),
  tier: oneOf(VENDOR_TIERS, 'The tier in force (the questionnaire’s, or an override).'),
  inherentTier: oneOf(VENDOR_TIERS, 'The tier the questionnaire gives.'),
  status: oneOf(VENDOR_STATUSES),
  dataCategories: { type: 'array', items: { type: 'string' }, description: 'Data it handles.' },
  contractStart: orNull(day('Contract start.')),
  contractEnd: orNull(day('Contract end.')),
  lastReviewAt: orNull(day('Last vendor review.')),
  nextReviewAt: orNull(day('Next vendor review due.')),
  createdAt: instant('Added to Vigil.'),
  updatedAt: instant('Last changed.'),
};

const grantProperties: Record<keyof ReadGrant, JsonSchema> = {
  id: id('The request or grant.'),
  personId: id('Who holds (or asked for) the access.'),
  systemId: id('The system.'),
  systemName: str('The system’s name.'),
  privilegeId: id('The privilege within the system.'),
  privilegeName: str('The privilege’s name.'),
  status: oneOf(GRANT_STATUSES),
  source: oneOf(['request', 'import'], 'Requested in Vigil, or imported as already held.'),
  durationDays: orNull({ type: 'integer', minimum: 1, description: 'Requested duration.' }),
  requestedAt: instant('When it was requested (or imported).'),
  decidedAt: orNull(instant('When the last approval or denial was given.')),
  startsAt: orNull(instant('When access starts.')),
  expiresAt: orNull(instant('When access ends by itself.')),
  endedAt: orNull(instant('When it ended (expired, revoked, withdrawn or denied).')),
  endReason: orNull(str('Why it ended.')),
  updatedAt: instant('Last changed.'),
};

const signalProperties: Record<keyof ReadSignal, JsonSchema> = {
  id: id('The signal.'),
  kind: oneOf(SIGNAL_KINDS, 'The detector (docs: Detectors, signal kinds).'),
  severity: oneOf(SEVERITIES),
  status: oneOf(SIGNAL_STATUSES, 'Triage state; `escalated` is in an open case.'),
  personId: id('Whom it is about.'),
  vendorId: orNull(id('Their vendor, when they have one.')),
  caseId: orNull(id('The case it was escalated into.')),
  explanation: str('What was seen, in words.'),
  windowStart: instant('Start of the behaviour.'),
  windowEnd: instant('End of the behaviour.'),
  detectorVersion: str('Version of the detector that raised it.'),
  statusAt: orNull(instant('When its status last changed.')),
  createdAt: instant('When Vigil raised it (the order and the `since`/`until` time).'),
  updatedAt: instant('Last changed (a re-run updates rather than duplicates).'),
};

const caseProperties: Record<keyof ReadCase, JsonSchema> = {
  id: id('The case.'),
  reference: str('As the app shows it.', { examples: ['CASE-0007'] }),
  title: str('Title.'),
  severity: oneOf(CASE_SEVERITIES),
  status: oneOf(CASE_STATUSES),
  outcome: orNull(oneOf(CASE_OUTCOMES, 'Set when closed.')),
  assignee: {
    type: ['object', 'null'],
    description:
      'The member working the case; `email` is null once they have left the organization.',
    required: ['userId', 'email'],
    additionalProperties: false,
    properties: { userId: id('The member’s user id.'), email: orNull(str('Their email.')) },
  },
  personIds: ids('People the case is about.'),
  vendorIds: ids('Vendors the case is about.'),
  signalIds: ids('Signals escalated into the case.'),
  openedAt: instant('Opened.'),
  closedAt: orNull(instant('Closed.')),
  updatedAt: instant('Last changed.'),
};

const personRiskProperties: Record<keyof ReadPersonRisk, JsonSchema> = {
  personId: id('The person.'),
  fullName: str('Their name.'),
  email: str('Their email.', { format: 'email' }),
  risk: score('The higher of the two scores: what the order and `band` use.'),
  band: oneOf(RISK_BANDS, 'low < 40 ≤ medium < 70 ≤ high < 90 ≤ critical.'),
  bribery: score('Bribery (insider recruited or paid) score.'),
  briberyBand: oneOf(RISK_BANDS),
  compromise: score('Compromise (account taken over) score.'),
  compromiseBand: oneOf(RISK_BANDS),
  computedAt: instant('When the score last changed.'),
};

const auditProperties: Record<keyof ReadAuditEntry, JsonSchema> = {
  seq: { type: 'integer', minimum: 1, description: 'Position in the hash chain, from 1.' },
  id: id('The entry.'),
  occurredAt: instant('When it happened.'),
  actor: {
    type: 'object',
    required: ['type', 'id', 'label'],
    additionalProperties: false,
    properties: {
      type: oneOf(['user', 'api_key', 'system', 'anonymous', 'person']),
      id: orNull(str('User, API key or person id.')),
      label: str('How the actor is shown (email, key name and prefix, address).'),
    },
  },
  action: str('What was done.', { examples: ['case.opened', 'person.updated'] }),
  entityType: str('What it was done to.', { examples: ['case', 'person'] }),
  entityId: orNull(str('Its id.')),
  before: { description: 'The changed fields before (any JSON, or null).' },
  after: { description: 'The changed fields after (any JSON, or null).' },
  requestId: orNull(str('The request that made the change.')),
  ip: orNull(str('The client address, when known.')),
  payloadDigest: orNull(
    str(
      'SHA-256 of payloadNonce with before, after (and a person actor’s label and IP); the hash covers it instead of them. Null on entries from before this field.',
    ),
  ),
  payloadNonce: orNull(str('The random salt of payloadDigest; null once redacted.')),
  redacted: {
    type: 'boolean',
    description: 'Erasure removed the personal payload; payloadDigest still chains it.',
  },
  prevHash: str('The previous entry’s hash (the chain’s genesis hash for seq 1).'),
  hash: str('SHA-256 over this entry and prevHash.'),
};

const shape = (properties: Record<string, JsonSchema>, description: string): JsonSchema => ({
  type: 'object',
  description,
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});
const pageOf = (item: string): JsonSchema => ({
  type: 'object',
  required: ['data', 'nextCursor'],
  additionalProperties: false,
  properties: {
    data: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
    nextCursor: {
      type: ['string', 'null'],
      description: 'Pass as `cursor` for the next page; null on the last page.',
    },
  },
});

export const readSchemas: Record<string, JsonSchema> = {
  Person: shape(personProperties, 'A person whose access Vigil governs.'),
  Vendor: shape(vendorProperties, 'A vendor (third party).'),
  Grant: shape(grantProperties, 'An access request or grant of one privilege.'),
  Signal: shape(signalProperties, 'A detector finding about a person.'),
  Case: shape(caseProperties, 'An investigation.'),
  PersonRisk: shape(personRiskProperties, 'A person’s current risk scores (0–100).'),
  AuditEntry: shape(auditProperties, 'One entry of the hash-chained audit log.'),
  PersonPage: pageOf('Person'),
  VendorPage: pageOf('Vendor'),
  GrantPage: pageOf('Grant'),
  SignalPage: pageOf('Signal'),
  CasePage: pageOf('Case'),
  PersonRiskPage: pageOf('PersonRisk'),
  AuditEntryPage: pageOf('AuditEntry'),
};
