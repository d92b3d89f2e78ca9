import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { caseReference } from '@/server/domain/cases/case';
import {
  ERASED_NAME,
  confirmsErasure,
  erasedEmail,
  erasureRefusals,
} from '@/server/domain/erasure/erasure';
import type { ErasePersonInput } from '@/server/domain/erasure/inputs';
import { appendAudit, userActor, type AuditActor } from '@/server/services/audit/log';
import { requestRiskRecompute } from '@/server/services/risk/triggers';
import { tenantOf, type OrgActor, type RequestMeta } from '@/server/services/shared/actor';
import { UserFacingError } from '@/server/services/shared/errors';
import { rowsOf } from '@/server/services/shared/sql-helpers';

export const ERASURE_OPERATOR: AuditActor = { type: 'system', id: null, label: 'vigil-cli' };

export interface ErasureCounts {
  accessEvents: number;
  actorIdentities: number;
  identifiers: number;
  signals: number;
  riskRows: number;
  watchlistMatches: number;
  attestationRequests: number;
  caseLinks: number;
  /** Closed cases' timeline entries and texts whose mentions of the person were replaced. */
  caseMentions: number;
  accessReviewItems: number;
  tickets: number;
  outboxMessages: number;
  /** Outbound events, webhook deliveries and chat notices whose copies named the person. */
  messageCopies: number;
  auditEntriesRedacted: number;
}

interface PersonRow {
  id: string;
  email: string;
  full_name: string;
  legal_hold: string | null;
  erased_at: Date | string | null;
}

async function run(tx: Tx, query: ReturnType<typeof sql>): Promise<number> {
  return rowsOf(await tx.execute(query)).length;
}

/** ILIKE patterns for the person's id, email and name (names under 4 characters would over-match). */
function needlesOf(p: PersonRow): string[] {
  return [p.id, p.email, p.full_name]
    .filter((n) => n.length >= 4)
    .map((n) => `%${n.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/**
 * Copies of events and notices made for delivery (webhooks, SIEM and chat read them) carry the
 * person's name and email as they were: those that name the person go.
 */
async function deleteMessageCopies(tx: Tx, orgId: string, p: PersonRow, subjectIds: string[]) {
  const needles = sql.param(needlesOf(p));
  const subjects = sql.param([p.id, ...subjectIds]);
  return (
    (await run(
      tx,
      sql`delete from webhook_deliveries where org_id = ${orgId} and body::text ilike any(${needles}::text[]) returning 1`,
    )) +
    (await run(
      tx,
      sql`delete from outbound_events where org_id = ${orgId}
        and (subject_id = any(${subjects}::text[]) or data::text ilike any(${needles}::text[])) returning 1`,
    )) +
    (await run(
      tx,
      sql`delete from chat_notices where org_id = ${orgId}
        and (subject ilike any(${needles}::text[]) or array_to_string(lines, ' ') ilike any(${needles}::text[]))
        returning 1`,
    ))
  );
}

async function openCasesOf(tx: Tx, orgId: string, personId: string): Promise<string[]> {
  const rows = rowsOf<{ number: number }>(
    await tx.execute(sql`
      select distinct k.number from cases k
      where k.org_id = ${orgId} and k.status <> 'closed' and (
        exists (select 1 from case_people cp
          where cp.org_id = k.org_id and cp.case_id = k.id and cp.person_id = ${personId})
        or exists (select 1 from case_signals cs join signals s on s.org_id = cs.org_id and s.id = cs.signal_id
          where cs.org_id = k.org_id and cs.case_id = k.id and s.person_id = ${personId}))
      order by k.number`),
  );
  return rows.map((r) => caseReference(r.number));
}

/**
 * Audit entries about the person: their own entity, entities erasure deletes, their signing-link
 * actions, and any payload naming their id, email or name (docs/PRIVACY.md §Erasure).
 */
async function redactAuditEntries(
  tx: Tx,
  orgId: string,
  person: PersonRow,
  entityIds: string[],
): Promise<number> {
  const needles = needlesOf(person);
  const seqs = rowsOf<{ seq: number }>(
    await tx.execute(sql`
      select seq from audit_log
      where org_id = ${orgId} and redacted_at is null and action <> 'person.erased' and (
        entity_id = any(${sql.param([person.id, ...entityIds])}::text[])
        or (actor_type = 'person' and actor_id = ${person.id})
        or coalesce(before::text, '') ilike any(${sql.param(needles)}::text[])
        or coalesce(after::text, '') ilike any(${sql.param(needles)}::text[]))`),
  ).map((r) => Number(r.seq));
  if (seqs.length === 0) return 0;
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(
      sql`select vigil_redact_audit_entries(${orgId}::uuid, ${sql.param(seqs.map(String))}::text[]::bigint[]) as n`,
    ),
  );
  return row?.n ?? 0;
}

/** Deletes or blanks every row about the person; the people row stays as a tombstone. */
async function eraseRows(tx: Tx, orgId: string, p: PersonRow): Promise<ErasureCounts> {
  const id = p.id;
  const signalIds = rowsOf<{ id: string }>(
    await tx.execute(sql`select id from signals where org_id = ${orgId} and person_id = ${id}`),
  ).map((r) => r.id);
  const requestIds = rowsOf<{ id: string }>(
    await tx.execute(
      sql`select id from attestation_requests where org_id = ${orgId} and person_id = ${id}`,
    ),
  ).map((r) => r.id);
  const matchIds = rowsOf<{ id: string }>(
    await tx.execute(
      sql`select id from watchlist_matches where org_id = ${orgId} and person_id = ${id}`,
    ),
  ).map((r) => r.id);
  const sigs = sql.param(signalIds);

  const accessEvents = await run(
    tx,
    sql`delete from access_events where org_id = ${orgId} and (person_id = ${id}
      or (person_id is null and actor_key in (
        select actor_key from actor_identities where org_id = ${orgId} and person_id = ${id})))
      returning 1`,
  );
  const actorIdentities = await run(
    tx,
    sql`delete from actor_identities where org_id = ${orgId} and person_id = ${id} returning 1`,
  );
  const identifiers =
    (await run(
      tx,
      sql`delete from person_identifiers where org_id = ${orgId} and person_id = ${id} returning 1`,
    )) +
    // The SCIM mapping holds their userName and names (docs/SCIM.md §Erasure).
    (await run(
      tx,
      sql`delete from scim_users where org_id = ${orgId} and person_id = ${id} returning 1`,
    ));
  await tx.execute(
    sql`delete from scim_group_members where org_id = ${orgId} and person_id = ${id}`,
  );
  await tx.execute(sql`delete from critical_signal_notices
    where org_id = ${orgId} and signal_id = any(${sigs}::text[]::uuid[])`);
  const signalCaseLinks = await run(
    tx,
    sql`delete from case_signals where org_id = ${orgId} and signal_id = any(${sigs}::text[]::uuid[]) returning 1`,
  );
  const signals = await run(
    tx,
    sql`delete from signals where org_id = ${orgId} and person_id = ${id} returning 1`,
  );
  const riskRows =
    (await run(
      tx,
      sql`delete from person_risk_factors where org_id = ${orgId} and person_id = ${id} returning 1`,
    )) +
    (await run(
      tx,
      sql`delete from person_risk_scores where org_id = ${orgId} and person_id = ${id} returning 1`,
    )) +
    (await run(
      tx,
      sql`delete from risk_history where org_id = ${orgId} and subject_type = 'person' and subject_id = ${id} returning 1`,
    ));
  const watchlistMatches = await run(
    tx,
    sql`delete from watchlist_matches where org_id = ${orgId} and person_id = ${id} returning 1`,
  );
  // Requests stay (campaign completion counts them; vigil_app may not delete them), blank.
  const attestationRequests = await run(
    tx,
    sql`update attestation_requests set recipient_email = ${erasedEmail(id)}, answers = null,
      typed_signature = null, decline_reason = null, signer_ip = null, signer_user_agent = null,
      signed_document = null, signed_sha256 = null, updated_at = now()
      where org_id = ${orgId} and person_id = ${id} returning 1`,
  );
  const caseLinks =
    signalCaseLinks +
    (await run(
      tx,
      sql`delete from case_people where org_id = ${orgId} and person_id = ${id} returning 1`,
    ));
  const [mentions] = rowsOf<{ n: number }>(
    await tx.execute(
      sql`select vigil_redact_case_mentions(${orgId}::uuid, ${sql.param([p.email, p.full_name])}::text[], '[erased]') as n`,
    ),
  );
  const caseMentions = mentions?.n ?? 0;
  const accessReviewItems = await run(
    tx,
    sql`update access_review_items set person_name = ${ERASED_NAME}, person_email = null
      where org_id = ${orgId} and person_id = ${id} returning 1`,
  );
  const tickets = await run(
    tx,
    sql`update tickets set
      assignee_email = case when assignee_person_id = ${id} or lower(assignee_email) = ${p.email} then null else assignee_email end,
      assignee_person_id = case when assignee_person_id = ${id} then null else assignee_person_id end,
      earlier_assignee_emails = array_remove(earlier_assignee_emails, ${p.email}), updated_at = now()
      where org_id = ${orgId} and (assignee_person_id = ${id} or lower(assignee_email) = ${p.email}
        or ${p.email} = any(earlier_assignee_emails))
      returning 1`,
  );
  const outboxMessages = await run(
    tx,
    sql`delete from outbox_messages where org_id = ${orgId}
      and (lower(to_address) = ${p.email} or related_id = any(${sql.param(requestIds)}::text[]))
      returning 1`,
  );
  const messageCopies = await deleteMessageCopies(tx, orgId, p, [
    ...signalIds,
    ...requestIds,
    ...matchIds,
  ]);
  // A candidate's hiring record: the checks' notes and the shipping address are personal data.
  await tx.execute(sql`delete from candidate_checks where org_id = ${orgId} and person_id = ${id}`);
  await tx.execute(sql`update candidates set stage = null, role = null, recruiter = null,
    ats_id = null, applied_on = null, shipping_address = null, shipping_country = null,
    updated_at = now() where org_id = ${orgId} and person_id = ${id}`);
  await tx.execute(sql`update people set
    email = ${erasedEmail(id)}, full_name = ${ERASED_NAME}, department = null, title = null,
    manager_id = null, user_id = null, location = null, country = null, timezone = null,
    work_mode = null, start_date = null, end_date = null, identity_verified_at = null,
    identity_verified_by = null, background_check_status = 'not_started',
    background_check_at = null, last_screened_at = null, legal_hold = null,
    erased_at = now(), updated_at = now()
    where org_id = ${orgId} and id = ${id}`);
  const auditEntriesRedacted = await redactAuditEntries(tx, orgId, p, [
    ...signalIds,
    ...requestIds,
    ...matchIds,
  ]);
  return {
    accessEvents,
    actorIdentities,
    identifiers,
    signals,
    riskRows,
    watchlistMatches,
    attestationRequests,
    caseLinks,
    caseMentions,
    accessReviewItems,
    tickets,
    outboxMessages,
    messageCopies,
    auditEntriesRedacted,
  };
}

interface EraseRequest {
  orgId: string;
  actor: AuditActor;
  meta: RequestMeta;
  reason: string;
  /** The person's email typed again (admin action); the CLI names the person by email instead. */
  confirmation: string | null;
}

async function eraseInTx(tx: Tx, target: { id?: string; email?: string }, req: EraseRequest) {
  const { orgId } = req;
  const [person] = rowsOf<PersonRow>(
    await tx.execute(sql`select id, email, full_name, legal_hold, erased_at from people
      where org_id = ${orgId} and ${target.id ? sql`id = ${target.id}` : sql`email = ${target.email ?? ''}`}
      for update`),
  );
  if (!person) throw new UserFacingError('NOT_FOUND', 'No such person in this organization.');
  const refusals = erasureRefusals({
    erasedAt: person.erased_at ? new Date(person.erased_at) : null,
    legalHold: person.legal_hold,
    openCases: await openCasesOf(tx, orgId, person.id),
  });
  if (refusals.length > 0) throw new UserFacingError('PRECONDITION_FAILED', refusals.join(' '));
  if (req.confirmation !== null && !confirmsErasure(req.confirmation, person.email))
    throw new UserFacingError(
      'BAD_REQUEST',
      'Type the person’s email exactly as shown to confirm the erasure.',
    );
  const counts = await eraseRows(tx, orgId, person);
  // Without the personal data: the person's id (now a tombstone's), who asked, why, and counts.
  await appendAudit(tx, {
    orgId,
    actor: req.actor,
    action: 'person.erased',
    entityType: 'person',
    entityId: person.id,
    after: { reason: req.reason, counts },
    requestId: req.meta.requestId,
    ip: req.meta.ip,
  });
  return { personId: person.id, counts };
}

/** The admin action on the person page (docs/PRIVACY.md §Erasure): one transaction. */
export async function erasePerson(actor: OrgActor, input: ErasePersonInput) {
  const result = await withTenant(tenantOf(actor), (tx) =>
    eraseInTx(
      tx,
      { id: input.personId },
      {
        orgId: actor.orgId,
        actor: userActor(actor),
        meta: actor,
        reason: input.reason,
        confirmation: input.confirmation,
      },
    ),
  );
  await requestRiskRecompute(actor.orgId);
  return result;
}

/** `vigil person erase --org S --email E --reason R`. */
export async function erasePersonAsOperator(orgId: string, email: string, reason: string) {
  const result = await withTenant({ orgId, userId: null }, (tx) =>
    eraseInTx(
      tx,
      { email },
      {
        orgId,
        actor: ERASURE_OPERATOR,
        meta: { requestId: null, ip: null },
        reason,
        confirmation: null,
      },
    ),
  );
  await requestRiskRecompute(orgId);
  return result;
}
