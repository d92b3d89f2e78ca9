import fs from 'node:fs';
import path from 'node:path';
import { TRPCError, type AnyProcedure } from '@trpc/server';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as healthRoute from '@/app/api/health/route';
import * as readyRoute from '@/app/api/ready/route';
import * as auditRoute from '@/app/api/v1/audit/route';
import * as casesRoute from '@/app/api/v1/cases/route';
import * as grantsRoute from '@/app/api/v1/grants/route';
import * as ingestRoute from '@/app/api/v1/ingest/[format]/route';
import * as ticketsRoute from '@/app/api/v1/ingest/tickets/route';
import * as openApiRoute from '@/app/api/v1/openapi.json/route';
import * as peopleRoute from '@/app/api/v1/people/route';
import * as riskPeopleRoute from '@/app/api/v1/risk/people/route';
import * as signalsRoute from '@/app/api/v1/signals/route';
import * as vendorsRoute from '@/app/api/v1/vendors/route';
import { campaignPageSchema, createCampaignSchema } from '@/server/domain/access-reviews/inputs';
import { createApiKeySchema } from '@/server/domain/auth/inputs';
import { openCaseSchema } from '@/server/domain/cases/inputs';
import { createConnectorSchema } from '@/server/domain/connectors/inputs';
import { evidenceRequestSchema } from '@/server/domain/evidence/inputs';
import {
  personInputSchema,
  systemInputSchema,
  toxicPairInputSchema,
  vendorInputSchema,
} from '@/server/domain/inventory/inputs';
import { signUnsubscribeToken } from '@/server/domain/notifications/unsubscribe-token';
import { listMatchesSchema } from '@/server/domain/screening/inputs';
import { createSiemDestinationSchema } from '@/server/domain/siem/inputs';
import { ROLES, type Role } from '@/server/domain/tenancy/roles';
import { isoDay } from '@/server/domain/time';
import { DEFAULT_REVIEW_QUESTIONS } from '@/server/domain/vendor-reviews/questionnaire';
import { addWebhookSchema } from '@/server/domain/webhooks/inputs';
import { resetEnvForTests } from '@/server/env';
import { createCampaign, launchCampaign } from '@/server/services/access-reviews/campaign-commands';
import { getCampaign } from '@/server/services/access-reviews/campaign-queries';
import { launchCampaign as launchAttestationCampaign } from '@/server/services/attestations/campaign-commands';
import { listTemplates } from '@/server/services/attestations/templates';
import { userActor } from '@/server/services/audit/log';
import { createApiKey } from '@/server/services/auth/api-keys';
import { openCase } from '@/server/services/cases/case-commands';
import { createConnector } from '@/server/services/connectors/connector-commands';
import { connectorActor } from '@/server/services/connectors/connector-rows';
import { requestEvidencePackage } from '@/server/services/evidence/package-requests';
import { runImport } from '@/server/services/import/run';
import { ingestEvents } from '@/server/services/ingest/ingest-events';
import { createPerson } from '@/server/services/inventory/people-commands';
import { addToxicPair, createSystem } from '@/server/services/inventory/system-commands';
import { getSystem } from '@/server/services/inventory/system-queries';
import { createVendor } from '@/server/services/inventory/vendor-commands';
import { listMatches } from '@/server/services/screening/match-queries';
import { createSiemDestination } from '@/server/services/siem/destination-commands';
import { addMember } from '@/server/services/tenancy/invitations';
import { listMembers } from '@/server/services/tenancy/members';
import { addReviewFinding } from '@/server/services/vendor-reviews/findings';
import { startVendorReview } from '@/server/services/vendor-reviews/review-commands';
import { sendTestWebhook } from '@/server/services/webhooks/delivery-commands';
import { addWebhookEndpoint, webhookActor } from '@/server/services/webhooks/endpoint-commands';
import type { ProcedureMeta } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/root';
import { rawRows, setupTestDatabase } from '../helpers/db';
import {
  actorFor,
  anonymousCaller,
  callerFor,
  createTestOrg,
  type TestOrg,
} from '../helpers/fixtures';

/**
 * Enumerates every tRPC procedure, so a new one is covered the moment it is added: it must have a
 * case below (the first test fails otherwise), declare its access, refuse the wrong roles, and
 * be unable to read or change another organization's data.
 */
interface World {
  a: TestOrg;
  b: TestOrg;
  bKeyId: string;
  bInvitationId: string;
  bEvidenceId: string;
  bWebhookId: string;
  bDeliveryId: string;
  aKeyId: string;
  /** Org A's API keys (secrets), for the API-route cases. */
  aIngestKey: string;
  aReadKey: string;
  a_: Inventory;
  b_: Inventory;
}

interface Inventory {
  vendorId: string;
  personId: string;
  systemId: string;
  privilegeIds: [string, string];
  pairId: string;
  matchId: string;
  grantId: string;
  identityId: string;
  signalId: string;
  caseId: string;
  reviewId: string;
  findingId: string;
  campaignId: string;
  reviewItemId: string;
  templateId: string;
  attestationCampaignId: string;
  requestId: string;
}

const vendorInput = (name: string) => ({
  name,
  questionnaire: { productionAccess: true },
  country: 'PH',
});
const personInput = (email: string, vendorId: string) => ({
  email,
  fullName: 'Test Person',
  type: 'vendor_staff' as const,
  vendorId,
});
const systemInput = (name: string) => ({
  name,
  privileges: [
    { name: 'read', sensitivity: 'low' as const },
    { name: 'admin', sensitivity: 'critical' as const },
  ],
});

interface Case {
  /** A valid input acting on the caller's own organization. */
  own: (w: World) => unknown;
  /** The same call aimed at organization B's objects. */
  foreign: (w: World) => unknown;
}

const none = () => undefined;
const REVIEW_DUE = isoDay(new Date(Date.now() + 30 * 86_400_000));
const NO_ID = '00000000-0000-4000-8000-000000000000';
const accessRequest = (inv: Inventory) => ({
  personId: inv.personId,
  privilegeId: inv.privilegeIds[0],
  justification: 'role matrix access request',
  durationDays: 7,
});
const CASES: Record<string, Case> = {
  'session.me': { own: none, foreign: none },
  // Second factors are the caller's own account's: nothing names another organization, and a
  // foreign id (B's admin, a random passkey) finds nothing of the caller's.
  'account.security': { own: none, foreign: none },
  'account.startTotp': { own: none, foreign: none },
  'account.confirmTotp': { own: () => ({ code: '000000' }), foreign: () => ({ code: '000000' }) },
  'account.removeTotp': { own: none, foreign: none },
  'account.regenerateRecoveryCodes': { own: none, foreign: none },
  'account.passkeyRegistrationOptions': { own: none, foreign: none },
  'account.registerPasskey': {
    own: () => ({ name: 'Laptop', response: {} }),
    foreign: () => ({ name: 'Laptop', response: {} }),
  },
  'account.removePasskey': {
    own: () => ({ passkeyId: NO_ID }),
    foreign: () => ({ passkeyId: NO_ID }),
  },
  'secondFactor.verifyCode': {
    own: () => ({ code: '000000' }),
    foreign: () => ({ code: '000000' }),
  },
  'secondFactor.passkeyOptions': { own: none, foreign: none },
  'secondFactor.verifyPasskey': {
    own: () => ({ response: {} }),
    foreign: () => ({ response: {} }),
  },
  'organization.mfaPolicy': { own: none, foreign: none },
  // Only 'none': a stricter policy on A would send A's test sessions to enrolment.
  'organization.setMfaPolicy': {
    own: () => ({ policy: 'none' }),
    foreign: () => ({ policy: 'none' }),
  },
  'members.resetMfa': {
    own: (w) => ({ userId: w.a.users.manager.id }),
    foreign: (w) => ({ userId: w.b.users.admin.id }),
  },
  'overview.summary': { own: none, foreign: none },
  'overview.dashboard': { own: none, foreign: none },
  'overview.gettingStarted': { own: none, foreign: none },
  'overview.signalsOverTime': { own: () => ({ days: 30 }), foreign: () => ({ days: 30 }) },
  'organization.get': { own: none, foreign: none },
  'organization.update': {
    own: () => ({ name: 'Org alpha', settings: {} }),
    foreign: () => ({ name: 'Renamed by A', settings: {} }),
  },
  'retention.get': { own: none, foreign: none },
  'retention.update': {
    own: () => ({ accessEventsMonths: 12, signalsMonths: 24, closedCasesMonths: 36 }),
    foreign: () => ({ accessEventsMonths: 3, signalsMonths: 3, closedCasesMonths: 6 }),
  },
  // A wrong confirmation: the allowed role is refused by the rule, not the role, and A's person stays.
  'erasure.erase': {
    own: (w) => ({ personId: w.a_.personId, confirmation: 'not the email', reason: 'matrix test' }),
    foreign: (w) => ({
      personId: w.b_.personId,
      confirmation: 'staff@bravo.test',
      reason: 'matrix test',
    }),
  },
  'erasure.setLegalHold': {
    own: (w) => ({ personId: w.a_.personId, reason: null }),
    foreign: (w) => ({ personId: w.b_.personId, reason: 'held by A' }),
  },
  'sso.policy': { own: none, foreign: none },
  // Names B's admin as A's break-glass admin: refused, B's admin is no member of A.
  'sso.setPolicy': {
    own: () => ({ required: false, breakGlassUserId: null }),
    foreign: (w) => ({ required: false, breakGlassUserId: w.b.users.admin.id }),
  },
  'members.list': { own: none, foreign: none },
  'members.add': {
    own: () => ({
      email: `new-${Math.random().toString(36).slice(2)}@alpha.test`,
      role: 'auditor',
    }),
    foreign: (w) => ({ email: w.b.users.manager.email, role: 'admin' }),
  },
  'members.changeRole': {
    own: (w) => ({ userId: w.a.users.manager.id, role: 'manager' }),
    foreign: (w) => ({ userId: w.b.users.manager.id, role: 'admin' }),
  },
  'members.setStatus': {
    own: (w) => ({ userId: w.a.users.manager.id, status: 'active' }),
    foreign: (w) => ({ userId: w.b.users.admin.id, status: 'disabled' }),
  },
  'members.setRevealPermission': {
    own: (w) => ({ userId: w.a.users.manager.id, canReveal: false }),
    foreign: (w) => ({ userId: w.b.users.admin.id, canReveal: true }),
  },
  'privacy.reveal': {
    own: () => ({ signalId: NO_ID, reason: 'checking the isolation of reveals' }),
    foreign: (w) => ({ signalId: w.b_.signalId, reason: 'cross-tenant reveal attempt' }),
  },
  'privacy.reveals': { own: none, foreign: none },
  'members.revokeInvitation': {
    own: () => ({ invitationId: '00000000-0000-4000-8000-000000000000' }),
    foreign: (w) => ({ invitationId: w.bInvitationId }),
  },
  'members.acceptInvitation': {
    own: () => ({ token: 'x'.repeat(43), name: 'Nobody', password: 'long enough password' }),
    foreign: () => ({ token: 'x'.repeat(43), name: 'Nobody', password: 'long enough password' }),
  },
  'members.acceptInvitationAsUser': {
    own: () => ({ token: 'y'.repeat(43) }),
    foreign: () => ({ token: 'y'.repeat(43) }),
  },
  'apiKeys.list': { own: none, foreign: none },
  // Chat connections are addressed by kind within the caller's organization; the own inputs are
  // refused by the webhook host check, so nothing is connected and nothing leaves the machine.
  'integrations.list': { own: none, foreign: none },
  'integrations.connectSlack': {
    own: () => ({ mode: 'webhook', webhookUrl: 'https://hooks.example.invalid/services/x' }),
    foreign: () => ({ mode: 'webhook', webhookUrl: 'https://hooks.example.invalid/bravo' }),
  },
  'integrations.connectTeams': {
    own: () => ({ webhookUrl: 'https://teams.example.invalid/hook' }),
    foreign: () => ({ webhookUrl: 'https://teams.example.invalid/bravo' }),
  },
  'integrations.setSlackChannel': {
    own: () => ({ channelId: 'CALPHA01' }),
    foreign: () => ({ channelId: 'CBRAVO01' }),
  },
  'integrations.disconnect': { own: () => ({ kind: 'slack' }), foreign: () => ({ kind: 'teams' }) },
  'integrations.sendTest': { own: () => ({ kind: 'slack' }), foreign: () => ({ kind: 'teams' }) },
  'outbox.list': { own: () => ({}), foreign: () => ({ status: 'outbox' }) },
  'siem.list': { own: none, foreign: none },
  'siem.create': {
    own: () => ({
      kind: 'syslog',
      name: `role matrix ${Math.random().toString(36).slice(2)}`,
      sources: ['audit'],
      syslog: { host: '198.51.100.20', port: 6514 },
    }),
    foreign: () => ({
      kind: 'syslog',
      name: 'bravo siem',
      sources: ['audit'],
      syslog: { host: '198.51.100.21', port: 6514 },
    }),
  },
  'siem.test': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bSiemId }) },
  'siem.pause': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bSiemId }) },
  'siem.resume': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bSiemId }) },
  'siem.remove': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bSiemId }) },
  'connectors.list': { own: none, foreign: none },
  'connectors.runs': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bConnectorId }) },
  'connectors.create': {
    own: () => ({
      kind: 'okta',
      name: `role matrix ${Math.random().toString(36).slice(2)}`,
      secret: '00alpha-token-0123456789',
      settings: { url: 'https://198.51.100.30' },
    }),
    foreign: () => ({
      kind: 'okta',
      name: 'bravo okta',
      secret: '00bravo-token-0123456789',
      settings: { url: 'https://198.51.100.31' },
    }),
  },
  'connectors.test': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bConnectorId }) },
  'connectors.runNow': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bConnectorId }) },
  'connectors.pause': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bConnectorId }) },
  'connectors.resume': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bConnectorId }) },
  'connectors.replaceSecret': {
    own: () => ({ id: NO_ID, secret: '00alpha-token-0123456789' }),
    foreign: () => ({ id: bConnectorId, secret: '00alpha-token-0123456789' }),
  },
  'connectors.setInterval': {
    own: () => ({ id: NO_ID, intervalMinutes: 5 }),
    foreign: () => ({ id: bConnectorId, intervalMinutes: 5 }),
  },
  'connectors.remove': { own: () => ({ id: NO_ID }), foreign: () => ({ id: bConnectorId }) },
  'apiKeys.create': {
    own: () => ({ name: 'role matrix key', scopes: ['read'] }),
    foreign: () => ({ name: 'cross-tenant key', scopes: ['read'] }),
  },
  'apiKeys.revoke': {
    own: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
    foreign: (w) => ({ id: w.bKeyId }),
  },
  'audit.list': { own: () => ({}), foreign: () => ({}) },
  'audit.entityTypes': { own: none, foreign: none },
  'audit.verify': { own: none, foreign: none },
  'vendors.list': { own: () => ({}), foreign: () => ({ q: 'Bravo' }) },
  'vendors.get': {
    own: (w) => ({ vendorId: w.a_.vendorId }),
    foreign: (w) => ({ vendorId: w.b_.vendorId }),
  },
  'vendors.options': { own: none, foreign: none },
  'vendors.create': {
    own: () => vendorInput('Role Matrix Vendor'),
    foreign: () => vendorInput('Bravo Outsourcing'),
  },
  'vendors.update': {
    own: (w) => ({ vendorId: w.a_.vendorId, vendor: vendorInput('Alpha Outsourcing') }),
    foreign: (w) => ({ vendorId: w.b_.vendorId, vendor: vendorInput('Hijacked by A') }),
  },
  'vendors.changeStatus': {
    own: (w) => ({ vendorId: w.a_.vendorId, status: 'terminated', reason: 'role matrix check' }),
    foreign: (w) => ({
      vendorId: w.b_.vendorId,
      status: 'onboarding',
      reason: 'cross-tenant attempt',
    }),
  },
  'people.list': { own: () => ({}), foreign: (w) => ({ vendorId: w.b_.vendorId }) },
  'people.get': {
    own: (w) => ({ personId: w.a_.personId }),
    foreign: (w) => ({ personId: w.b_.personId }),
  },
  'people.options': { own: none, foreign: none },
  'people.create': {
    own: (w) =>
      personInput(`matrix-${Math.random().toString(36).slice(2)}@alpha.test`, w.a_.vendorId),
    foreign: (w) => personInput('smuggled@alpha.test', w.b_.vendorId),
  },
  'people.update': {
    own: (w) => ({
      personId: w.a_.personId,
      person: personInput('staff@alpha.test', w.a_.vendorId),
    }),
    foreign: (w) => ({
      personId: w.b_.personId,
      person: personInput('staff@bravo.test', w.b_.vendorId),
    }),
  },
  'systems.list': { own: none, foreign: none },
  'systems.get': {
    own: (w) => ({ systemId: w.a_.systemId }),
    foreign: (w) => ({ systemId: w.b_.systemId }),
  },
  'systems.privilegeOptions': { own: none, foreign: none },
  'systems.ownerOptions': { own: none, foreign: none },
  'systems.create': {
    own: () => systemInput('Role Matrix System'),
    foreign: () => systemInput('Bravo Ledger'),
  },
  'systems.update': {
    own: (w) => ({ systemId: w.a_.systemId, system: systemInput('Alpha Ledger') }),
    foreign: (w) => ({ systemId: w.b_.systemId, system: systemInput('Hijacked Ledger') }),
  },
  'systems.toxicPairs': { own: none, foreign: none },
  'systems.addToxicPair': {
    own: (w) => ({
      privilegeA: w.a_.privilegeIds[0],
      privilegeB: w.a_.privilegeIds[1],
      reason: 'role matrix check',
    }),
    foreign: (w) => ({
      privilegeA: w.b_.privilegeIds[0],
      privilegeB: w.b_.privilegeIds[1],
      reason: 'cross-tenant attempt',
    }),
  },
  'imports.run': {
    own: () => ({ kind: 'vendors', csv: 'name\nImported Vendor\n', dryRun: true }),
    // Names B's vendor: an import only ever touches the caller's organization.
    foreign: () => ({
      kind: 'vendors',
      csv: 'name,status\nBravo Outsourcing,terminated\n',
      dryRun: false,
    }),
  },
  'screening.matches': { own: () => ({}), foreign: (w) => ({ personId: w.b_.personId }) },
  'screening.counts': { own: none, foreign: none },
  'screening.watchlist': { own: none, foreign: none },
  'screening.review': {
    own: () => ({
      matchId: '00000000-0000-4000-8000-000000000000',
      decision: 'confirmed',
      reason: 'role matrix check',
    }),
    foreign: (w) => ({
      matchId: w.b_.matchId,
      decision: 'false_positive',
      reason: 'cross-tenant attempt',
    }),
  },
  'candidates.list': { own: () => ({}), foreign: () => ({ status: 'all' }) },
  'candidates.get': {
    own: () => ({ personId: NO_ID }),
    foreign: (w) => ({ personId: w.b_.personId }),
  },
  'candidates.recordCheck': {
    own: () => ({ personId: NO_ID, check: 'government_id', result: 'pass' }),
    foreign: (w) => ({ personId: w.b_.personId, check: 'government_id', result: 'pass' }),
  },
  'candidates.convert': {
    own: () => ({ personId: NO_ID, type: 'employee' }),
    foreign: (w) => ({ personId: w.b_.personId, type: 'employee' }),
  },
  'candidates.import': {
    own: () => ({
      format: 'vigil',
      csv: 'email,full_name\nc@example.test,Cand Idate\n',
      dryRun: true,
    }),
    // Names B's person: an import only ever touches the caller's organization.
    foreign: () => ({
      format: 'vigil',
      csv: 'email,full_name\nbravo-person@example.test,Cross Tenant\n',
      dryRun: false,
    }),
  },
  // Both only ever read or write the caller's organization: B's source names A's own entries.
  'screening.exportIndicators': {
    own: () => ({ hashed: true }),
    foreign: () => ({ sources: ['test list'], hashed: true }),
  },
  'screening.importIndicators': {
    own: () => ({ text: stixBundleText('role-matrix@import.test'), dryRun: true }),
    foreign: () => ({ text: stixBundleText('staff@bravo.test'), dryRun: false }),
  },
  'access.list': { own: () => ({}), foreign: (w) => ({ personId: w.b_.personId }) },
  'access.get': {
    own: () => ({ grantId: NO_ID }),
    foreign: (w) => ({ grantId: w.b_.grantId }),
  },
  'access.inbox': { own: none, foreign: none },
  'access.options': { own: none, foreign: none },
  'access.preview': {
    own: (w) => ({ personId: w.a_.personId, privilegeId: w.a_.privilegeIds[0] }),
    foreign: (w) => ({ personId: w.b_.personId, privilegeId: w.b_.privilegeIds[0] }),
  },
  'access.vendorSystems': {
    own: (w) => ({ vendorId: w.a_.vendorId }),
    foreign: (w) => ({ vendorId: w.b_.vendorId }),
  },
  'access.request': {
    own: (w) => accessRequest(w.a_),
    foreign: (w) => accessRequest(w.b_),
  },
  'access.decide': {
    own: () => ({ grantId: NO_ID, decision: 'approve' }),
    foreign: (w) => ({ grantId: w.b_.grantId, decision: 'deny', comment: 'cross-tenant attempt' }),
  },
  'access.withdraw': {
    own: () => ({ grantId: NO_ID }),
    foreign: (w) => ({ grantId: w.b_.grantId }),
  },
  'access.revoke': {
    own: () => ({ grantId: NO_ID, reason: 'role matrix check' }),
    foreign: (w) => ({ grantId: w.b_.grantId, reason: 'cross-tenant attempt' }),
  },
  'identities.list': { own: () => ({}), foreign: () => ({ status: 'resolved' }) },
  'identities.resolve': {
    own: () => ({ identityId: NO_ID, decision: 'service_account' }),
    foreign: (w) => ({ identityId: w.b_.identityId, decision: 'link', personId: w.b_.personId }),
  },
  'signals.list': { own: () => ({}), foreign: (w) => ({ personId: w.b_.personId }) },
  'signals.counts': { own: none, foreign: none },
  'signals.timeline': {
    own: (w) => ({ personId: w.a_.personId }),
    foreign: (w) => ({ personId: w.b_.personId }),
  },
  'signals.get': {
    own: () => ({ signalId: NO_ID }),
    foreign: (w) => ({ signalId: w.b_.signalId }),
  },
  'signals.baseline': {
    own: () => ({ signalId: NO_ID }),
    foreign: (w) => ({ signalId: w.b_.signalId }),
  },
  'signals.triage': {
    own: () => ({ signalId: NO_ID, action: 'acknowledge' }),
    foreign: (w) => ({
      signalId: w.b_.signalId,
      action: 'dismiss',
      reason: 'cross-tenant attempt',
    }),
  },
  'signals.detectors': { own: none, foreign: none },
  'evidence.sections': { own: none, foreign: none },
  'evidence.list': { own: none, foreign: none },
  'evidence.get': { own: () => ({ id: NO_ID }), foreign: (w) => ({ id: w.bEvidenceId }) },
  'evidence.byManifest': {
    own: () => ({ manifestSha256: '0'.repeat(64) }),
    foreign: () => ({ manifestSha256: 'f'.repeat(64) }),
  },
  'evidence.generate': {
    own: () => ({ from: '2026-01-01', to: '2026-01-31', scope: ['access'] }),
    foreign: () => ({ from: '2026-01-01', to: '2026-01-31', scope: ['access', 'audit'] }),
  },
  'cases.list': { own: () => ({}), foreign: (w) => ({ personId: w.b_.personId, status: 'all' }) },
  'cases.counts': { own: none, foreign: none },
  'cases.get': {
    own: (w) => ({ caseId: w.a_.caseId }),
    foreign: (w) => ({ caseId: w.b_.caseId }),
  },
  'cases.openOptions': { own: none, foreign: none },
  'cases.assigneeOptions': { own: none, foreign: none },
  'cases.open': {
    own: (w) => ({ title: 'Role matrix case', severity: 'low', personIds: [w.a_.personId] }),
    foreign: (w) => ({
      title: 'Cross-tenant case',
      severity: 'high',
      personIds: [w.b_.personId],
      vendorIds: [w.b_.vendorId],
      signalIds: [w.b_.signalId],
    }),
  },
  'cases.addSubjects': {
    own: (w) => ({ caseId: w.a_.caseId, personIds: [w.a_.personId] }),
    foreign: (w) => ({ caseId: w.b_.caseId, signalIds: [w.b_.signalId] }),
  },
  'cases.addNote': {
    own: () => ({ caseId: NO_ID, body: 'role matrix note' }),
    foreign: (w) => ({ caseId: w.b_.caseId, body: 'cross-tenant note' }),
  },
  'cases.assign': {
    own: () => ({ caseId: NO_ID, assigneeUserId: null }),
    foreign: (w) => ({ caseId: w.b_.caseId, assigneeUserId: w.b.users.admin.id }),
  },
  'cases.startInvestigation': {
    own: () => ({ caseId: NO_ID }),
    foreign: (w) => ({ caseId: w.b_.caseId }),
  },
  'cases.revokeGrant': {
    own: () => ({ caseId: NO_ID, grantId: NO_ID, reason: 'role matrix check' }),
    foreign: (w) => ({
      caseId: w.b_.caseId,
      grantId: w.b_.grantId,
      reason: 'cross-tenant attempt',
    }),
  },
  'cases.suspendVendor': {
    own: () => ({ caseId: NO_ID, vendorId: NO_ID, reason: 'role matrix check' }),
    foreign: (w) => ({
      caseId: w.b_.caseId,
      vendorId: w.b_.vendorId,
      reason: 'cross-tenant attempt',
    }),
  },
  'cases.rescreenPerson': {
    own: () => ({ caseId: NO_ID, personId: NO_ID }),
    foreign: (w) => ({ caseId: w.b_.caseId, personId: w.b_.personId }),
  },
  'cases.close': {
    own: () => ({ caseId: NO_ID, outcome: 'unsubstantiated', rationale: 'role matrix check' }),
    foreign: (w) => ({
      caseId: w.b_.caseId,
      outcome: 'substantiated',
      rationale: 'cross-tenant attempt',
    }),
  },
  'vendorReviews.list': {
    own: () => ({}),
    foreign: (w) => ({ vendorId: w.b_.vendorId, status: 'all' }),
  },
  'vendorReviews.counts': { own: none, foreign: none },
  'vendorReviews.get': {
    own: (w) => ({ reviewId: w.a_.reviewId }),
    foreign: (w) => ({ reviewId: w.b_.reviewId }),
  },
  'vendorReviews.forVendor': {
    own: (w) => ({ vendorId: w.a_.vendorId }),
    foreign: (w) => ({ vendorId: w.b_.vendorId }),
  },
  'vendorReviews.questionnaire': { own: none, foreign: none },
  'vendorReviews.updateQuestionnaire': {
    own: () => ({ questions: DEFAULT_REVIEW_QUESTIONS }),
    foreign: () => ({ questions: DEFAULT_REVIEW_QUESTIONS }),
  },
  'vendorReviews.start': {
    own: (w) => ({ vendorId: w.a_.vendorId, kind: 'ad_hoc' }),
    foreign: (w) => ({ vendorId: w.b_.vendorId, kind: 'ad_hoc' }),
  },
  'vendorReviews.saveAnswers': {
    own: () => ({ reviewId: NO_ID, answers: {} }),
    foreign: (w) => ({ reviewId: w.b_.reviewId, answers: { mfa_everywhere: 'no' } }),
  },
  'vendorReviews.submit': {
    own: () => ({ reviewId: NO_ID }),
    foreign: (w) => ({ reviewId: w.b_.reviewId }),
  },
  'vendorReviews.sendBack': {
    own: () => ({ reviewId: NO_ID, reason: 'role matrix check' }),
    foreign: (w) => ({ reviewId: w.b_.reviewId, reason: 'cross-tenant attempt' }),
  },
  'vendorReviews.decide': {
    own: () => ({ reviewId: NO_ID, decision: 'approved' }),
    foreign: (w) => ({ reviewId: w.b_.reviewId, decision: 'approved' }),
  },
  'vendorReviews.addFinding': {
    own: () => ({
      reviewId: NO_ID,
      title: 'Role matrix finding',
      severity: 'low',
      remediation: 'role matrix check',
    }),
    foreign: (w) => ({
      reviewId: w.b_.reviewId,
      title: 'Cross-tenant finding',
      severity: 'critical',
      remediation: 'cross-tenant attempt',
    }),
  },
  'vendorReviews.updateFinding': {
    own: () => ({ findingId: NO_ID, status: 'open', ownerUserId: null, dueOn: null }),
    foreign: (w) => ({
      findingId: w.b_.findingId,
      status: 'remediated',
      ownerUserId: null,
      dueOn: null,
    }),
  },
  'accessReviews.inbox': {
    own: () => ({}),
    foreign: (w) => ({ campaignId: w.b_.campaignId, status: 'all' }),
  },
  'accessReviews.decide': {
    own: () => ({ itemIds: [NO_ID], decision: 'keep' }),
    foreign: (w) => ({
      itemIds: [w.b_.reviewItemId],
      decision: 'revoke',
      rationale: 'cross-tenant attempt',
    }),
  },
  'accessReviews.campaigns': { own: none, foreign: none },
  'accessReviews.campaign': {
    own: (w) => ({ campaignId: w.a_.campaignId }),
    foreign: (w) => ({ campaignId: w.b_.campaignId }),
  },
  'accessReviews.scopeCount': {
    own: () => ({}),
    foreign: (w) => ({ systemIds: [w.b_.systemId], vendorIds: [w.b_.vendorId] }),
  },
  'accessReviews.reviewerOptions': { own: none, foreign: none },
  'accessReviews.create': {
    own: () => ({ name: 'Role matrix review', scope: {}, dueDate: REVIEW_DUE }),
    foreign: (w) => ({
      name: 'Cross-tenant review',
      scope: { systemIds: [w.b_.systemId] },
      dueDate: REVIEW_DUE,
    }),
  },
  'accessReviews.launch': {
    own: () => ({ campaignId: NO_ID }),
    foreign: (w) => ({ campaignId: w.b_.campaignId }),
  },
  'accessReviews.deleteDraft': {
    own: () => ({ campaignId: NO_ID }),
    foreign: (w) => ({ campaignId: w.b_.campaignId }),
  },
  'accessReviews.reassign': {
    own: () => ({ itemId: NO_ID, reviewerUserId: NO_ID }),
    foreign: (w) => ({ itemId: w.b_.reviewItemId, reviewerUserId: w.b.users.manager.id }),
  },
  'ingest.batches': { own: none, foreign: none },
  'risk.person': {
    own: (w) => ({ personId: w.a_.personId }),
    foreign: (w) => ({ personId: w.b_.personId }),
  },
  'risk.vendor': {
    own: (w) => ({ vendorId: w.a_.vendorId }),
    foreign: (w) => ({ vendorId: w.b_.vendorId }),
  },
  'risk.weights': { own: none, foreign: none },
  'risk.previewWeights': {
    own: () => ({ weights: { halfLifeDays: 7 }, top: 3 }),
    foreign: () => ({ weights: { halfLifeDays: 7 }, top: 3 }),
  },
  'risk.updateWeights': {
    own: () => ({ weights: { halfLifeDays: 14 } }),
    foreign: () => ({ weights: { halfLifeDays: 30 } }),
  },
  'attestations.templates': { own: none, foreign: none },
  'attestations.template': {
    own: (w) => ({ templateId: w.a_.templateId }),
    foreign: (w) => ({ templateId: w.b_.templateId }),
  },
  'attestations.saveTemplate': {
    own: (w) => ({ templateId: w.a_.templateId, template: attestationTemplate('Alpha policy') }),
    foreign: (w) => ({ templateId: w.b_.templateId, template: attestationTemplate('Hijacked') }),
  },
  'attestations.campaigns': { own: none, foreign: none },
  'attestations.campaign': {
    own: (w) => ({ campaignId: w.a_.attestationCampaignId }),
    foreign: (w) => ({ campaignId: w.b_.attestationCampaignId }),
  },
  'attestations.requests': {
    own: (w) => ({ campaignId: w.a_.attestationCampaignId }),
    foreign: (w) => ({ campaignId: w.b_.attestationCampaignId, status: 'pending' }),
  },
  'attestations.personHistory': {
    own: (w) => ({ personId: w.a_.personId }),
    foreign: (w) => ({ personId: w.b_.personId }),
  },
  'attestations.launchOptions': { own: none, foreign: none },
  'attestations.previewAudience': {
    own: () => ({ audience: { kind: 'all_staff' } }),
    foreign: (w) => ({ audience: { kind: 'vendor_staff', vendorId: w.b_.vendorId } }),
  },
  'attestations.launch': {
    own: (w) => ({
      name: 'Role matrix campaign',
      templateId: w.a_.templateId,
      audience: { kind: 'all_staff' },
      dueDate: inTenDays(),
    }),
    foreign: (w) => ({
      name: 'Cross-tenant campaign',
      templateId: w.b_.templateId,
      audience: { kind: 'vendor_staff', vendorId: w.b_.vendorId },
      dueDate: inTenDays(),
    }),
  },
  // Org A's own campaign stays open for the other cases: closing an unknown id is refused.
  'attestations.close': {
    own: () => ({ campaignId: NO_ID }),
    foreign: (w) => ({ campaignId: w.b_.attestationCampaignId }),
  },
  'attestations.resend': {
    own: (w) => ({ requestId: w.a_.requestId }),
    foreign: (w) => ({ requestId: w.b_.requestId }),
  },
  // Public: the token is the credential; a wrong one opens nothing, in any organization.
  'attestations.sign': {
    own: () => ({ token: 'z'.repeat(43), answers: {}, typedSignature: 'Nobody' }),
    foreign: () => ({ token: 'z'.repeat(43), answers: {}, typedSignature: 'Test Person' }),
  },
  'attestations.decline': {
    own: () => ({ token: 'z'.repeat(43), reason: 'not mine to sign' }),
    foreign: () => ({ token: 'z'.repeat(43), reason: 'not mine to sign' }),
  },
  // Own preferences only: the input names no member, so another organization's cannot be reached.
  'notifications.preferences': { own: none, foreign: none },
  'notifications.update': {
    own: () => ({ preferences: [{ category: 'critical_signals', setting: 'daily' }] }),
    foreign: () => ({ preferences: [{ category: 'approvals', setting: 'off' }] }),
  },
  // Public: the signed token is the credential; a forged one names nobody, in any organization.
  'notifications.unsubscribe': {
    own: () => ({ token: 'u1.not-a-token' }),
    foreign: (w) => ({ token: forgedUnsubscribeToken(w) }),
  },
  'webhooks.list': { own: none, foreign: none },
  'webhooks.deliveries': { own: () => ({}), foreign: (w) => ({ endpointId: w.bWebhookId }) },
  'webhooks.add': {
    own: () => ({ url: 'https://93.184.215.14/alpha-hook', events: ['case.opened'] }),
    foreign: () => ({ url: 'https://93.184.215.14/alpha-hook-2' }),
  },
  'webhooks.update': {
    own: () => ({ endpointId: NO_ID, description: 'role matrix', events: [] }),
    foreign: (w) => ({ endpointId: w.bWebhookId, description: 'hijacked', events: [] }),
  },
  'webhooks.setStatus': {
    own: () => ({ endpointId: NO_ID, status: 'paused' }),
    foreign: (w) => ({ endpointId: w.bWebhookId, status: 'paused' }),
  },
  'webhooks.rotateSecret': {
    own: () => ({ endpointId: NO_ID }),
    foreign: (w) => ({ endpointId: w.bWebhookId }),
  },
  'webhooks.delete': {
    own: () => ({ endpointId: NO_ID }),
    foreign: (w) => ({ endpointId: w.bWebhookId }),
  },
  'webhooks.test': {
    own: () => ({ endpointId: NO_ID }),
    foreign: (w) => ({ endpointId: w.bWebhookId }),
  },
  'webhooks.redeliver': {
    own: () => ({ deliveryId: NO_ID }),
    foreign: (w) => ({ deliveryId: w.bDeliveryId }),
  },
  'systems.removeToxicPair': {
    own: () => ({ pairId: '00000000-0000-4000-8000-000000000000' }),
    foreign: (w) => ({ pairId: w.b_.pairId }),
  },
};

/** A well-formed unsubscribe token for B's admin, signed with a key that is not the app's. */
const forgedUnsubscribeToken = (w: World) =>
  signUnsubscribeToken(
    'a key that is not the app secret at all',
    { orgId: w.b.id, userId: w.b.users.admin.id, category: 'delivery_failures' },
    new Date(),
  );

const inTenDays = () => isoDay(new Date(Date.now() + 10 * 86_400_000));
const attestationTemplate = (title: string) => ({
  title,
  body: 'Confirm you follow the policy.',
  questions: [{ id: 'agree', kind: 'yes_no', prompt: 'Do you agree with it?' }],
});

async function createInventory(org: TestOrg, slug: string): Promise<Inventory> {
  const admin = actorFor(org, 'admin');
  const cap = slug[0]!.toUpperCase() + slug.slice(1);
  const vendor = await createVendor(
    admin,
    vendorInputSchema.parse(vendorInput(`${cap} Outsourcing`)),
  );
  const person = await createPerson(
    admin,
    personInputSchema.parse(personInput(`staff@${slug}.test`, vendor.id)),
  );
  const system = await createSystem(admin, systemInputSchema.parse(systemInput(`${cap} Ledger`)));
  const privs = (await getSystem(admin, { systemId: system.id })).privileges.map((p) => p.id);
  const pair = await addToxicPair(
    admin,
    toxicPairInputSchema.parse({
      privilegeA: privs[0]!,
      privilegeB: privs[1]!,
      reason: `${cap} separation of duties`,
    }),
  );
  await runImport(
    { ...admin, audit: userActor(admin) },
    'watchlist',
    `name,emails,source\nImpostor ${cap},staff@${slug}.test,test list\n`,
    { dryRun: false },
  );
  const [match] = await listMatches(admin, listMatchesSchema.parse({}));
  if (!match) throw new Error('expected a watchlist match');
  // A pending request, written directly: the approval plan needs owners the fixture lacks.
  const [grant] = await rawRows<{ id: string }>(sql`
    insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification, duration_days, requested_by)
    values (${org.id}, ${person.id}, ${system.id}, ${privs[0]!}, 'pending', 'request', 'fixture request', 7, ${org.users.admin.id})
    returning id`);
  await rawRows(sql`
    insert into approval_steps (org_id, grant_id, seq, kind, approver_user_id, status)
    values (${org.id}, ${grant!.id}, 1, 'system_owner', ${org.users.manager.id}, 'pending')`);
  const [identity] = await rawRows<{ id: string }>(sql`
    insert into actor_identities (org_id, actor_key, kind, value, first_seen_at, last_seen_at, event_count)
    values (${org.id}, ${'email:ghost@' + slug + '.example'}, 'email', ${'ghost@' + slug + '.example'}, now(), now(), 3)
    returning id`);
  const [signal] = await rawRows<{ id: string }>(sql`
    insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key, explanation, detector_version)
    values (${org.id}, 'off_hours', ${person.id}, 'medium', now(), now(), ${'fixture:' + slug}, 'fixture signal', 'test')
    returning id`);
  // About the person only, so the fixture signal stays open for the triage cases.
  const opened = await openCase(
    admin,
    openCaseSchema.parse({
      title: `${cap} investigation`,
      severity: 'medium',
      personIds: [person.id],
    }),
  );
  const review = await startVendorReview(admin, { vendorId: vendor.id, kind: 'periodic' });
  const finding = await addReviewFinding(admin, {
    reviewId: review.id,
    title: `${cap} finding`,
    severity: 'high',
    remediation: 'Fixture remediation task',
    ownerUserId: null,
    dueOn: null,
  });
  // An access review over one live grant, so its item can be aimed at from the other org.
  const [held] = await rawRows<{ id: string }>(sql`
    insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification, starts_at)
    values (${org.id}, ${person.id}, ${system.id}, ${privs[1]!}, 'active', 'import', 'fixture grant', now())
    returning id`);
  const campaign = await createCampaign(
    admin,
    createCampaignSchema.parse({
      name: `${cap} quarterly review`,
      scope: { systemIds: [system.id] },
      dueDate: REVIEW_DUE,
    }),
  );
  await launchCampaign(admin, { campaignId: campaign.id });
  const reviewItem = (
    await getCampaign(admin, campaignPageSchema.parse({ campaignId: campaign.id }))
  ).items.find((i) => i.grantId === held!.id)!;
  const templates = await listTemplates(admin);
  const templateId = templates.find((t) => t.key === 'anti_bribery')!.id;
  const attestation = await launchAttestationCampaign(admin, {
    name: `${cap} anti-bribery`,
    templateId,
    audience: { kind: 'vendor_staff', vendorId: vendor.id },
    dueDate: inTenDays(),
  });
  const [request] = await rawRows<{ id: string }>(
    sql`select id from attestation_requests where campaign_id = ${attestation.campaignId}`,
  );
  return {
    reviewId: review.id,
    findingId: finding.id,
    campaignId: campaign.id,
    reviewItemId: reviewItem.id,
    templateId,
    attestationCampaignId: attestation.campaignId,
    requestId: request!.id,
    caseId: opened.id,
    signalId: signal!.id,
    identityId: identity!.id,
    grantId: grant!.id,
    matchId: match.id,
    vendorId: vendor.id,
    personId: person.id,
    systemId: system.id,
    privilegeIds: [privs[0]!, privs[1]!],
    pairId: pair.id,
  };
}

const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const paths = Object.keys(procedures).sort();
const metaOf = (path: string) => procedures[path]!._def.meta as ProcedureMeta | undefined;
const typeOf = (path: string) => procedures[path]!._def.type;

type Caller = Awaited<ReturnType<typeof callerFor>>;
async function call(
  caller: Caller,
  path: string,
  input: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; code: string; message: string }> {
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    i: unknown,
  ) => Promise<unknown>;
  try {
    return { ok: true, value: await fn(input) };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

let teardown: () => Promise<void>;
let w: World;

/** Everything organization B owns, read as the table owner. */
async function snapshotOrg(orgId: string): Promise<string> {
  const tables = await rawRows<{ table: string }>(sql`
    select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id'
    where n.nspname = 'public' and c.relkind = 'r' order by 1`);
  const parts: string[] = [];
  for (const { table } of tables) {
    const rows = await rawRows(
      sql`select * from ${sql.identifier(table)} where org_id = ${orgId} order by 2`,
    );
    parts.push(`${table}:${JSON.stringify(rows)}`);
  }
  const org = await rawRows(sql`select * from organizations where id = ${orgId}`);
  const people = await rawRows(
    sql`select u.* from users u join memberships m on m.user_id = u.id where m.org_id = ${orgId} order by u.email`,
  );
  return [...parts, JSON.stringify(org), JSON.stringify(people)].join('\n');
}

beforeAll(async () => {
  // Webhook secrets are sealed (server/services/shared/secrets.ts).
  process.env.VIGIL_SECRETS_KEY ??= Buffer.alloc(32, 7).toString('base64');
  resetEnvForTests();
  ({ teardown } = await setupTestDatabase());
  const a = await createTestOrg('alpha');
  const b = await createTestOrg('bravo');
  const bWebhook = await addWebhookEndpoint(
    webhookActor(actorFor(b, 'admin')),
    addWebhookSchema.parse({ url: 'https://93.184.215.14/bravo-hook', description: 'bravo hook' }),
  );
  const bTest = await sendTestWebhook(webhookActor(actorFor(b, 'admin')), {
    endpointId: bWebhook.id,
  });
  const aKey = await createApiKey(
    actorFor(a, 'admin'),
    createApiKeySchema.parse({ name: 'alpha key', scopes: ['ingest'] }),
  );
  const aReadKey = await createApiKey(
    actorFor(a, 'admin'),
    createApiKeySchema.parse({
      name: 'alpha read key',
      scopes: ['read'],
    }),
  );
  const bKey = await createApiKey(
    actorFor(b, 'admin'),
    createApiKeySchema.parse({
      name: 'bravo secret key',
      scopes: ['ingest'],
    }),
  );
  const inv = await addMember(actorFor(b, 'admin'), {
    email: 'pending@bravo.test',
    role: 'manager',
  });
  if (inv.kind !== 'invited') throw new Error('expected an invitation');
  w = {
    a,
    b,
    aKeyId: aKey.id,
    aIngestKey: aKey.key,
    aReadKey: aReadKey.key,
    bKeyId: bKey.id,
    bInvitationId: inv.invitationId,
    bWebhookId: bWebhook.id,
    bDeliveryId: bTest.deliveryId,
    bEvidenceId: (
      await requestEvidencePackage(
        actorFor(b, 'auditor'),
        evidenceRequestSchema.parse({
          from: '2026-01-01',
          to: '2026-01-31',
          scope: ['access'],
        }),
      )
    ).id,
    a_: await createInventory(a, 'alpha'),
    b_: await createInventory(b, 'bravo'),
  };
});
afterAll(() => teardown());
// Organization B's SIEM destination, for the siem.* foreign cases.
let bSiemId = NO_ID;
beforeAll(async () => {
  bSiemId = (
    await createSiemDestination(
      actorFor(w.b, 'admin'),
      createSiemDestinationSchema.parse({
        kind: 'syslog',
        name: 'bravo siem',
        sources: ['signals', 'audit'],
        syslog: { host: '203.0.113.7', port: 6514 },
      }),
    )
  ).id;
});

// Organization B's connector, for the connectors.* foreign cases.
let bConnectorId = NO_ID;
beforeAll(async () => {
  bConnectorId = (
    await createConnector(
      connectorActor(actorFor(w.b, 'admin')),
      createConnectorSchema.parse({
        kind: 'okta',
        name: 'bravo okta',
        secret: '00bravo-token-0123456789',
        settings: { url: 'https://203.0.113.8' },
      }),
    )
  ).id;
});

describe('every tRPC procedure', () => {
  it('has an isolation case and declares who may call it', () => {
    expect(paths.filter((p) => !CASES[p])).toEqual([]);
    expect(Object.keys(CASES).filter((p) => !procedures[p])).toEqual([]);
    for (const path of paths) expect(['public', 'user', 'org']).toContain(metaOf(path)?.access);
  });

  it('follows the role table of docs/PRODUCT.md §Roles and permissions', () => {
    for (const path of paths) {
      const meta = metaOf(path);
      if (meta?.access !== 'org') continue;
      // Auditors change nothing; members and keys are for admins only. The exceptions are
      // requesting an evidence package: auditors download evidence
      // (docs/PRODUCT.md §Roles and permissions), and a package adds only itself and its audit
      // entry, no business data; and a member's own notification preferences
      // (docs/NOTIFICATIONS.md §Preferences), which are no business data either.
      if (typeOf(path) === 'mutation')
        expect({ path, auditor: meta.roles.includes('auditor') }).toEqual({
          path,
          auditor: path === 'evidence.generate' || path === 'notifications.update',
        });
      if (/^(members|apiKeys|integrations|webhooks)\./.test(path) && typeOf(path) === 'mutation')
        expect({ path, roles: meta.roles }).toEqual({ path, roles: ['admin'] });
      if (path === 'organization.update') expect(meta.roles).toEqual(['admin']);
      if (/^sso\./.test(path)) expect(meta.roles).toEqual(['admin']);
      // Linking log actors to people is an admin's decision (docs/INGEST.md §Identity resolution).
      if (path === 'identities.resolve') expect(meta.roles).toEqual(['admin']);
      // Scoring weights are the admin's (docs/PRODUCT.md §Roles and permissions).
      if (path === 'risk.updateWeights') expect(meta.roles).toEqual(['admin']);
      // Inventory is maintained by compliance and admins only.
      // Access requests: managers request and decide; auditors never act.
      if (/^access\./.test(path) && typeOf(path) === 'mutation')
        expect({ path, roles: [...meta.roles].sort() }).toEqual({
          path,
          roles: ['admin', 'compliance', 'manager'],
        });
      if (
        /^(vendors|vendorReviews|people|systems|imports|screening|signals|cases|attestations)\./.test(
          path,
        ) &&
        typeOf(path) === 'mutation'
      )
        expect({ path, roles: [...meta.roles].sort() }).toEqual({
          path,
          roles: ['admin', 'compliance'],
        });
    }
    const publicPaths = paths.filter((p) => metaOf(p)?.access === 'public');
    expect(publicPaths).toEqual([
      'attestations.decline',
      'attestations.sign',
      'members.acceptInvitation',
      'notifications.unsubscribe',
    ]);
  });

  it('refuses callers who are not signed in', async () => {
    for (const path of paths.filter((p) => metaOf(p)?.access !== 'public')) {
      const result = await call(anonymousCaller(), path, CASES[path]!.own(w));
      expect({ path, code: result.ok ? 'ok' : result.code }).toEqual({
        path,
        code: 'UNAUTHORIZED',
      });
    }
  });

  it('refuses each role what it may not do, and lets it do what it may', async () => {
    for (const path of paths.filter((p) => metaOf(p)?.access === 'org')) {
      const meta = metaOf(path) as Extract<ProcedureMeta, { access: 'org' }>;
      for (const role of ROLES as readonly Role[]) {
        const result = await call(await callerFor(w.a, role), path, CASES[path]!.own(w));
        const refused =
          !result.ok && (result.code === 'FORBIDDEN' || result.code === 'UNAUTHORIZED');
        expect({ path, role, refused }).toEqual({
          path,
          role,
          refused: !meta.roles.includes(role),
        });
      }
    }
  });

  it("cannot read or change another organization's data", async () => {
    const before = await snapshotOrg(w.b.id);
    // B's manager email is excluded: members.add's foreign case types it in, and A may see what it typed.
    const secrets = [
      w.b.id,
      w.b.name,
      w.b.users.admin.email,
      w.b.users.auditor.email,
      w.b.users.admin.id,
      'bravo secret key',
      'pending@bravo.test',
      w.bKeyId,
      '203.0.113.7',
      'bravo-hook',
      w.bWebhookId,
    ];
    for (const path of paths) {
      for (const role of ROLES as readonly Role[]) {
        const result = await call(await callerFor(w.a, role), path, CASES[path]!.foreign(w));
        if (result.ok) {
          const text = JSON.stringify(result.value) ?? '';
          for (const secret of secrets)
            expect({ path, role, leaked: text.includes(secret) ? secret : null }).toEqual({
              path,
              role,
              leaked: null,
            });
        }
      }
    }
    expect(await snapshotOrg(w.b.id)).toBe(before);
    // An invitation to B's manager does not make them a member of A without their consent.
    const aMembers = await listMembers(actorFor(w.a, 'admin'));
    expect(aMembers.members.map((m) => m.email)).not.toContain(w.b.users.manager.email);
  });

  it('refuses a session pointed at an organization the user does not belong to', async () => {
    for (const path of paths.filter((p) => metaOf(p)?.access === 'org')) {
      const result = await call(await callerFor(w.a, 'admin', w.b.id), path, CASES[path]!.own(w));
      expect({ path, code: result.ok ? 'ok' : result.code }).toEqual({ path, code: 'FORBIDDEN' });
    }
  });

  it('answers malformed input with BAD_REQUEST and never an internal error (property)', async () => {
    const admin = await callerFor(w.a, 'admin');
    const withInput = paths.filter(
      (p) => procedures[p]!._def.inputs.length > 0 && metaOf(p)?.access !== 'public',
    );
    const before = await snapshotOrg(w.a.id);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withInput),
        fc.anything({ maxDepth: 3 }),
        async (path, junk) => {
          const result = await call(admin, path, junk);
          if (!result.ok)
            expect({ path, code: result.code }).not.toEqual({
              path,
              code: 'INTERNAL_SERVER_ERROR',
            });
        },
      ),
      { numRuns: 150 },
    );
    // Anything junk produced would have been a valid input; a valid org must still list its admin.
    const members = await listMembers(actorFor(w.a, 'admin'));
    expect(members.members.some((m) => m.role === 'admin' && m.status === 'active')).toBe(true);
    expect(before.length).toBeGreaterThan(0);
  });
});

/**
 * The public HTTP API (app/api/, besides tRPC, covered above, and next-auth): every route file
 * needs a case, so a new route fails here until it shows it refuses callers without a key and
 * cannot reach another organization. `foreign` aims org A's credentials at B's data.
 */
interface RouteCase {
  /** Answers without credentials (the API description); every other route must answer 401. */
  public: boolean;
  /** The key scope the route takes (default ingest); a key holding only the other answers 403. */
  scope?: 'ingest' | 'read';
  /** A read whose filters name only B's rows: A's key must get an empty page. */
  emptyForA?: boolean;
  foreign: (w: World, key: string | null) => Promise<Response>;
}

const API_DIR = path.resolve(process.cwd(), 'app/api');
// tRPC is covered above; next-auth is its own; the browser upload (session cookie, not a key)
// is covered in e2e/logs-signals.spec.ts (401 signed out, 403 other roles and cross-site); vendor
// review evidence upload and download (session cookie) in e2e/vendor-reviews.spec.ts, their
// services' tenant isolation in tests/integration/vendor-reviews.test.ts; the evidence package
// download and verify routes (session cookie too) in e2e/evidence.spec.ts (401, 403, cross-site)
// and their services in tests/integration/evidence.test.ts.
// List CSV exports (session cookie, one route for every list) in tests/integration/exports.test.ts
// (roles refused, no other organization's rows on any list, filters, audit) and
// e2e/exports.spec.ts (401 signed out, 403 for a role the list refuses, the download itself).
// The Slack interaction endpoint takes no key: a request is Slack's, signed with one
// organization's signing secret, found by its workspace (tests/integration/slack.test.ts: forged,
// replayed and unknown-workspace requests answer 401 and change nothing).
const COVERED_ELSEWHERE = [
  'trpc/',
  'auth/',
  // SAML sign-in: no key and no tenant until a signed assertion names a member
  // (tests/integration/sso-saml.test.ts).
  'sso/',
  'ingest/upload/',
  'vendor-reviews/',
  'evidence/',
  'export/',
  'integrations/slack/',
  // Import templates: fixed example files, no tenant data (e2e/imports.spec.ts downloads one).
  'import/templates/',
  // TAXII 2.1 (a `taxii`-scoped key): 401 without a key, 403 with a read key, and each
  // organization's key sees only its own collection (tests/integration/taxii.test.ts).
  'taxii2/',
];

/** A STIX 2.1 bundle of one indicator over an email. */
function stixBundleText(email: string): string {
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    objects: [
      {
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        created: '2026-01-01T00:00:00Z',
        modified: '2026-01-01T00:00:00Z',
        name: 'Shared profile',
        pattern: `[email-addr:value = '${email}']`,
        pattern_type: 'stix',
        valid_from: '2026-01-01T00:00:00Z',
      },
    ],
  });
}

/** Canonical events naming B's person and system, with event ids B already stored. */
const bravoEvents = () =>
  ['b-evt-1', 'b-evt-2']
    .map((id) =>
      JSON.stringify({
        event_id: id,
        occurred_at: '2026-09-10T10:00:00Z',
        actor: 'staff@bravo.test',
        system: 'Bravo Ledger',
        action: 'customer.export',
        record_count: 500,
      }),
    )
    .join('\n');

/** A ticket with the id B already holds, naming B's staff and system. */
const bravoTickets = () =>
  'ticket_id,system,assignee_email,resource_ids,opened_at,closed_at,status\n' +
  'B-1,Bravo Ledger,staff@bravo.test,cust-1;cust-2,2026-09-10T09:00:00Z,,open\n';

function ingestRequest(key: string | null, body: string): Request {
  return new Request('http://vigil.test/api/v1/ingest/ndjson', {
    method: 'POST',
    headers: key ? { authorization: `Bearer ${key}` } : {},
    body,
  });
}

/** A read-API GET with A's key (or none) and a query naming B's rows. */
const readCase = (
  handler: (request: Request) => Promise<Response>,
  path: string,
  query: (w: World) => string,
  emptyForA = true,
): RouteCase => ({
  public: false,
  scope: 'read',
  emptyForA,
  foreign: (w, key) =>
    handler(
      new Request(`http://vigil.test/api/v1/${path}?${query(w)}`, {
        headers: key ? { authorization: `Bearer ${key}` } : {},
      }),
    ),
});

const ROUTE_CASES: Record<string, RouteCase> = {
  'v1/people/route.ts': readCase(peopleRoute.GET, 'people', (w) => `vendorId=${w.b_.vendorId}`),
  'v1/vendors/route.ts': readCase(vendorsRoute.GET, 'vendors', () => 'limit=500', false),
  'v1/grants/route.ts': readCase(
    grantsRoute.GET,
    'grants',
    (w) => `personId=${w.b_.personId}&systemId=${w.b_.systemId}`,
  ),
  'v1/signals/route.ts': readCase(signalsRoute.GET, 'signals', (w) => `personId=${w.b_.personId}`),
  'v1/cases/route.ts': readCase(
    casesRoute.GET,
    'cases',
    (w) => `assignee=${encodeURIComponent(w.b.users.admin.email)}`,
  ),
  'v1/risk/people/route.ts': readCase(riskPeopleRoute.GET, 'risk/people', () => 'limit=500', false),
  'v1/audit/route.ts': readCase(auditRoute.GET, 'audit', (w) => `entityId=${w.b_.personId}`),
  'v1/ingest/[format]/route.ts': {
    public: false,
    foreign: (_w, key) =>
      ingestRoute.POST(ingestRequest(key, bravoEvents()), {
        params: Promise.resolve({ format: 'ndjson' }),
      }),
  },
  'v1/ingest/tickets/route.ts': {
    public: false,
    foreign: (_w, key) =>
      ticketsRoute.POST(
        new Request('http://vigil.test/api/v1/ingest/tickets', {
          method: 'POST',
          headers: {
            'content-type': 'text/csv',
            ...(key ? { authorization: `Bearer ${key}` } : {}),
          },
          body: bravoTickets(),
        }),
      ),
  },
  'v1/openapi.json/route.ts': {
    public: true,
    foreign: () => Promise.resolve(openApiRoute.GET()),
  },
  // Load balancers' probes (docs/OPERATIONS.md §Health endpoints): no credentials, no tenant data.
  'health/route.ts': {
    public: true,
    foreign: () => healthRoute.GET(new Request('http://vigil.test/api/health')),
  },
  'ready/route.ts': {
    public: true,
    foreign: () => readyRoute.GET(new Request('http://vigil.test/api/ready')),
  },
};

function routeFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) return routeFiles(path.join(dir, entry.name), `${rel}/`);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [rel] : [];
  });
}

describe('every API route', () => {
  const routes = routeFiles(API_DIR)
    .filter((r) => !COVERED_ELSEWHERE.some((p) => r.startsWith(p)))
    .sort();

  it('has an isolation case', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes).toEqual(Object.keys(ROUTE_CASES).sort());
  });

  it('refuses callers without a key, and keys without the scope', async () => {
    for (const route of routes) {
      const c = ROUTE_CASES[route]!;
      if (c.public) continue;
      expect({ route, status: (await c.foreign(w, null)).status }).toEqual({ route, status: 401 });
      const otherScope = c.scope === 'read' ? w.aIngestKey : w.aReadKey;
      expect({ route, status: (await c.foreign(w, otherScope)).status }).toEqual({
        route,
        status: 403,
      });
    }
  });

  it("cannot read or change another organization's data", async () => {
    // B already holds the events A will send (same ids): A must neither overwrite nor learn of them.
    const bAdmin = actorFor(w.b, 'admin');
    await ingestEvents({ ...bAdmin, audit: userActor(bAdmin) }, 'ndjson', [bravoEvents()], {
      channel: 'cli',
    });
    await runImport({ ...bAdmin, audit: userActor(bAdmin) }, 'tickets', bravoTickets(), {
      dryRun: false,
    });
    const before = await snapshotOrg(w.b.id);
    const secrets = [w.b.id, w.b.name, w.b.users.admin.email, w.b_.personId, w.b_.systemId];
    for (const route of routes) {
      const c = ROUTE_CASES[route]!;
      const response = await c.foreign(w, c.scope === 'read' ? w.aReadKey : w.aIngestKey);
      expect({ route, ok: response.ok }).toEqual({ route, ok: true });
      const text = await response.text();
      if (c.emptyForA) expect({ route, data: JSON.parse(text).data }).toEqual({ route, data: [] });
      for (const secret of secrets)
        expect({ route, leaked: text.includes(secret) ? secret : null }).toEqual({
          route,
          leaked: null,
        });
      if (route === 'v1/ingest/[format]/route.ts')
        // New to A (not "duplicates"), and B's person and system unknown to A.
        expect(JSON.parse(text)).toMatchObject({ inserted: 2, duplicates: 0, unresolvedActors: 1 });
      if (route === 'v1/ingest/tickets/route.ts')
        // A new ticket of A's, not an update of B's with the same id.
        expect(JSON.parse(text)).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    }
    expect(await snapshotOrg(w.b.id)).toBe(before);
  });
});
