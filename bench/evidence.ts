import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import {
  DEFAULT_TEMPLATE_KEYS,
  DEFAULT_TEMPLATES,
} from '@/server/domain/attestations/default-templates';
import {
  hashSignedAttestation,
  signedAttestationJson,
  type SignedAttestation,
} from '@/server/domain/attestations/signed-document';
import {
  validateAnswers,
  type Answers,
  type AttestationTemplate,
} from '@/server/domain/attestations/template';
import { GENESIS_HASH, hashAuditEntry, type AuditEntryContent } from '@/server/domain/audit/chain';
import { evidenceRequestSchema } from '@/server/domain/evidence/inputs';
import { isoDay } from '@/server/domain/time';
import { DEFAULT_REVIEW_QUESTIONS } from '@/server/domain/vendor-reviews/questionnaire';
import { exportEvidencePackageAsOperator } from '@/server/services/evidence/package-generation';
import { verifyEvidencePackage } from '@/server/services/evidence/package-reader';
import { availableSections } from '@/server/services/evidence/populations';
import { rowsOf } from '@/server/services/shared/sql-helpers';

const DAY_MS = 86_400_000;

export interface EvidenceBenchResult {
  people: number;
  rows: Record<string, number>;
  seconds: number;
  bytes: number;
  packageRows: number;
  /** Peak above the level just before the export started, sampled every 50 ms. */
  peakRssMb: number;
  peakHeapMb: number;
  verifySeconds: number;
}

/** Answers a signer gives who has nothing to disclose (every disclosing value avoided). */
function cleanAttestationAnswers(template: AttestationTemplate): Answers {
  const answers: Answers = {};
  for (const q of template.questions) {
    if (q.detailsFor) continue;
    if (q.kind === 'yes_no') answers[q.id] = q.discloses?.when.includes('yes') ? 'no' : 'yes';
    else if (q.kind === 'choice')
      answers[q.id] = q.options!.find((o) => !q.discloses?.when.includes(o)) ?? q.options![0]!;
    else answers[q.id] = 'Nothing to add.';
  }
  const checked = validateAnswers(template, answers);
  if (!checked.ok) throw new Error(`bench answers do not fit ${template.title}`);
  return checked.answers;
}

/**
 * The review and attestation year of the tenant, as the services would have left it:
 * four quarterly access review campaigns over the grants live at each launch (the last one still
 * running, a seventh of its items pending; about 3 % revoked, the grant revoked with it and the
 * remediation verified by the hourly job), one scheduled periodic review per vendor (decided, the
 * default questionnaire snapshotted and answered, an evidence file each, a finding on every fifth),
 * and the default attestation templates with two all-staff campaigns (90 % signed with the
 * canonical signed document and its SHA-256; the rest overdue in the first, pending in the second).
 */
async function generateReviewsAndAttestations(orgId: string, userId: string, start: Date) {
  const from = start.toISOString();
  await withSystem(async (tx) => {
    // Reviewer ≠ approver: vendor reviews are decided by a second person.
    const [approver] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        insert into users (email, name) values (${`approver-${orgId}@bench.test`}, 'Bench Approver')
        returning id`),
    );
    const approverId = approver!.id;
    // Members of the tenant, so the export names them (users are visible through membership).
    await tx.execute(sql`
      insert into memberships (org_id, user_id, role)
      values (${orgId}::uuid, ${userId}::uuid, 'compliance'), (${orgId}::uuid, ${approverId}::uuid, 'admin')`);

    // Access reviews: campaign k launches 10 days before the end of quarter k, due 21 days later.
    await tx.execute(sql`
      insert into access_review_campaigns (org_id, name, scope, due_date, status, created_by, created_at,
        launched_by, launched_at, completed_at, item_count, updated_at)
      select ${orgId}::uuid, 'Q' || k || ' access review', ${JSON.stringify({ systemIds: [], vendorIds: [], minSensitivity: 'low' })}::jsonb,
        (l.ts_at + interval '21 days')::date, case when k < 4 then 'completed' else 'active' end,
        ${userId}::uuid, l.ts_at - interval '2 days', ${userId}::uuid, l.ts_at,
        case when k < 4 then l.ts_at + interval '18 days' end, 0,
        case when k < 4 then l.ts_at + interval '18 days' else l.ts_at end
      from generate_series(1, 4) k,
        lateral (select ${from}::timestamptz + (k * 91 - 10) * interval '1 day' as ts_at) l`);
    await tx.execute(sql`
      insert into access_review_items (org_id, campaign_id, grant_id, person_id, person_name, person_email,
        vendor_id, vendor_name, system_id, system_name, privilege_id, privilege_name, sensitivity, grant_status,
        starts_at, expires_at, justification, approver, grantee_user_id, reviewer_user_id, reviewer_basis,
        status, decision, rationale, decided_by, decided_at, remediation_executed_at, remediation_verified_at,
        verification_result, verification_checked_at)
      with x as (
        select c.id as campaign_id, c.status as campaign_status, c.launched_at, g.id as grant_id, g.status as live_status,
          g.starts_at, g.expires_at, g.justification, p.id as person_id, p.full_name, p.email, p.user_id,
          v.id as vendor_id, v.name as vendor_name, s.id as system_id, s.name as system_name,
          pr.id as privilege_id, pr.name as privilege_name, pr.sensitivity,
          (select string_agg(u.email, ', ' order by st.seq) from approval_steps st join users u on u.id = st.decided_by
            where st.org_id = g.org_id and st.grant_id = g.id and st.status = 'approved') as approver,
          row_number() over (order by c.launched_at, g.id) as n
        from access_review_campaigns c
        join access_grants g on g.org_id = c.org_id and g.status in ('active', 'revoked')
          and g.starts_at <= c.launched_at and coalesce(g.ended_at, g.expires_at) > c.launched_at
        join people p on p.org_id = g.org_id and p.id = g.person_id
        left join vendors v on v.org_id = p.org_id and v.id = p.vendor_id
        join systems s on s.org_id = g.org_id and s.id = g.system_id
        join privileges pr on pr.org_id = g.org_id and pr.id = g.privilege_id
        where c.org_id = ${orgId}::uuid),
      y as (
        select x.*,
          case when campaign_status = 'active' and n % 7 = 0 then null
            when n % 30 = 0 and live_status = 'active' then 'revoke' else 'keep' end as decision,
          launched_at + (case when campaign_status = 'active' then n % 10 else n % 14 end) * interval '1 day'
            + (60 + n % 480) * interval '1 minute' as ts_at
        from x)
      select ${orgId}::uuid, campaign_id, grant_id, person_id, full_name, email, vendor_id, vendor_name,
        system_id, system_name, privilege_id, privilege_name, sensitivity, 'active', starts_at, expires_at,
        justification, approver, user_id, ${userId}::uuid, 'system_owner',
        case when decision is null then 'pending' else 'decided' end, decision,
        case when decision = 'revoke' then 'No longer needed for this role'
          when decision = 'keep' and n % 5 = 0 then 'Still needed: on the support rota' end,
        case when decision is not null then ${userId}::uuid end,
        case when decision is not null then ts_at end,
        case when decision = 'revoke' then ts_at end,
        case when decision = 'revoke' then ts_at + interval '1 hour' end,
        case when decision = 'revoke' then 'gone' end,
        case when decision = 'revoke' then ts_at + interval '1 hour' end
      from y`);
    await tx.execute(sql`
      insert into access_review_decisions (org_id, campaign_id, item_id, decision, rationale, decided_by, decided_at, remediation)
      select org_id, campaign_id, id, decision, coalesce(rationale, ''), decided_by, decided_at,
        case when decision = 'revoke' then '{"action":"revoked","from":"active","status":"revoked"}'::jsonb else '{}'::jsonb end
      from access_review_items where org_id = ${orgId}::uuid and decision is not null`);
    await tx.execute(sql`
      update access_grants g set status = 'revoked', ended_at = i.decided_at, revoked_by = i.decided_by,
        end_reason = 'Access review "' || c.name || '": ' || i.rationale
      from access_review_items i join access_review_campaigns c on c.org_id = i.org_id and c.id = i.campaign_id
      where i.org_id = ${orgId}::uuid and i.decision = 'revoke' and g.org_id = i.org_id and g.id = i.grant_id`);
    await tx.execute(sql`
      update access_review_campaigns c set item_count = (select count(*) from access_review_items i
        where i.org_id = c.org_id and i.campaign_id = c.id) where c.org_id = ${orgId}::uuid`);

    // Vendor reviews: the scheduler's periodic review of each vendor, answered, evidenced, decided.
    const answers = Object.fromEntries(
      DEFAULT_REVIEW_QUESTIONS.map((q) => [
        q.id,
        q.kind === 'yes_no' ? 'yes' : q.required ? '' : 'None reported.',
      ]),
    );
    await tx.execute(sql`
      insert into vendor_reviews (org_id, vendor_id, kind, status, source, questions, answers, answered_by,
        reviewer_user_id, due_on, submitted_at, approver_user_id, decision, conditions, rationale, completed_at,
        created_by, created_at, updated_at)
      with v as (select id, name, row_number() over (order by name) as n from vendors where org_id = ${orgId}::uuid),
        x as (select v.*, ${from}::timestamptz + (30 + n % 300) * interval '1 day' + interval '6 hours' as created from v)
      select ${orgId}::uuid, id, 'periodic', 'decided', 'schedule', ${JSON.stringify(DEFAULT_REVIEW_QUESTIONS)}::jsonb,
        ${JSON.stringify(answers)}::jsonb || jsonb_build_object(
          'security_contact', 'security@vendor' || n || '.example, incidents by phone within 24 hours',
          'data_location', 'EU (Frankfurt); sub-processor Cloud ' || n,
          'mfa_everywhere', case when n % 5 = 0 then 'no' else 'yes' end),
        array[${userId}::uuid], ${userId}::uuid, (created + interval '30 days')::date,
        created + (10 + n % 10) * interval '1 day', ${approverId}::uuid,
        case when n % 5 = 0 then 'approved_with_conditions' else 'approved' end,
        case when n % 5 = 0 then 'Enforce MFA on every account that reaches our systems within 60 days' end,
        'Answers and the SOC 2 bridge letter reviewed',
        created + (13 + n % 10) * interval '1 day', null, created, created + (13 + n % 10) * interval '1 day'
      from x`);
    await tx.execute(sql`
      insert into vendor_review_findings (org_id, review_id, vendor_id, title, severity, remediation, owner_user_id,
        due_on, status, status_note, created_by, created_at, updated_at, resolved_at)
      select r.org_id, r.id, r.vendor_id, 'MFA not enforced for every vendor account',
        (array['medium','high','low','critical'])[1 + (row_number() over (order by r.id))::int % 4],
        'Enforce MFA in the vendor''s identity provider for all staff with access; send the policy export',
        ${userId}::uuid, (r.completed_at + interval '60 days')::date,
        case when r.completed_at < now() - interval '60 days' then 'remediated' else 'in_progress' end,
        case when r.completed_at < now() - interval '60 days' then 'Policy export received and checked' end,
        ${userId}::uuid, r.submitted_at, least(now(), r.completed_at + interval '45 days'),
        case when r.completed_at < now() - interval '60 days' then r.completed_at + interval '45 days' end
      from vendor_reviews r where r.org_id = ${orgId}::uuid and r.answers->>'mfa_everywhere' = 'no'`);
    await tx.execute(sql`
      insert into vendor_review_evidence (org_id, review_id, file_name, size_bytes, content_type, sha256, storage,
        content, uploaded_by, uploaded_at)
      select org_id, id, 'soc2-bridge-letter.txt', octet_length(b), 'text/plain', encode(sha256(b), 'hex'),
        'database', b, ${userId}::uuid, created_at + interval '5 days'
      from (select r.org_id, r.id, r.created_at,
          convert_to('SOC 2 Type II bridge letter for ' || v.name || ', covering ' || r.created_at::date::text, 'UTF8') as b
        from vendor_reviews r join vendors v on v.org_id = r.org_id and v.id = r.vendor_id
        where r.org_id = ${orgId}::uuid) e`);

    // Attestations: the default templates, then two all-staff campaigns.
    const templateIds = new Map<string, string>();
    for (const key of DEFAULT_TEMPLATE_KEYS) {
      const t = DEFAULT_TEMPLATES[key];
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`
          insert into attestation_templates (org_id, key, title, body, questions, created_at, updated_at)
          values (${orgId}::uuid, ${key}, ${t.title}, ${t.body}, ${JSON.stringify(t.questions)}::jsonb, ${from}::timestamptz, ${from}::timestamptz)
          returning id`),
      );
      templateIds.set(key, row!.id);
    }
    const campaigns = [
      {
        key: 'anti_bribery' as const,
        name: 'Anti-bribery attestation, H1',
        launchedAt: new Date(start.getTime() + 45 * DAY_MS),
        spreadDays: 25,
        unsigned: 'overdue',
        reminders: ['before', 'due', 'final'],
      },
      {
        key: 'conflict_of_interest' as const,
        name: 'Conflict of interest declaration, H2',
        launchedAt: new Date(Date.now() - 20 * DAY_MS),
        spreadDays: 18,
        unsigned: 'pending',
        reminders: [],
      },
    ];
    for (const c of campaigns) {
      const template = DEFAULT_TEMPLATES[c.key];
      const signedAnswers = cleanAttestationAnswers(template);
      // The canonical signed document with placeholders SQL fills per request (all JSON strings).
      const skeleton = signedAttestationJson({
        requestId: '@@R@@',
        template,
        signer: { name: '@@N@@', email: '@@E@@' },
        answers: signedAnswers,
        typedSignature: '@@N@@',
        signedAt: '@@S@@',
      });
      const dueAt = new Date(c.launchedAt.getTime() + 30 * DAY_MS);
      const [campaign] = rowsOf<{ id: string }>(
        await tx.execute(sql`
          insert into attestation_campaigns (org_id, name, template_id, template_key, template_version, template,
            audience, audience_label, due_at, status, skipped, launched_by, launched_at)
          values (${orgId}::uuid, ${c.name}, ${templateIds.get(c.key)!}::uuid, ${c.key}, 1, ${JSON.stringify(template)}::jsonb,
            '{"kind":"all_staff"}'::jsonb, 'All staff', ${dueAt.toISOString()}::timestamptz, 'active', '[]'::jsonb,
            ${userId}::uuid, ${c.launchedAt.toISOString()}::timestamptz)
          returning id`),
      );
      await tx.execute(sql`
        with x as (
          select gen_random_uuid() as id, p.id as person_id, p.email, p.full_name, p.n, p.n % 10 <> 0 as signed,
            ${c.launchedAt.toISOString()}::timestamptz + (p.n % ${c.spreadDays}) * interval '1 day'
              + (30 + p.n % 600) * interval '1 minute' as ts_at
          from (select id, email, full_name, row_number() over (order by id) as n
            from people where org_id = ${orgId}::uuid) p),
        y as (
          select x.*, case when signed then replace(replace(replace(replace(${skeleton}::text,
              '"@@R@@"', to_json(id::text)::text),
              '"@@S@@"', to_json(to_char(ts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text),
              '"@@E@@"', to_json(email)::text),
              '"@@N@@"', to_json(full_name)::text) end as doc
          from x)
        insert into attestation_requests (org_id, id, campaign_id, person_id, recipient_email, token_hash,
          token_expires_at, token_used_at, status, answers, typed_signature, responded_at, signer_ip,
          signer_user_agent, signed_document, signed_sha256, disclosures, reminders_sent, last_reminded_at,
          created_at, updated_at)
        select ${orgId}::uuid, id, ${campaign!.id}::uuid, person_id, email,
          encode(sha256(convert_to('bench-token:' || id::text, 'UTF8')), 'hex'),
          ${dueAt.toISOString()}::timestamptz + interval '14 days',
          case when signed then ts_at end, case when signed then 'signed' else ${c.unsigned} end,
          case when signed then ${JSON.stringify(signedAnswers)}::jsonb end,
          case when signed then full_name end, case when signed then ts_at end,
          case when signed then '10.0.' || n % 250 || '.' || n % 200 end,
          case when signed then 'Mozilla/5.0 (X11; Linux x86_64) bench' end,
          doc, case when signed then encode(sha256(convert_to(doc, 'UTF8')), 'hex') end, 0,
          case when signed then '{}'::text[] else ${`{${c.reminders.join(',')}}`}::text[] end,
          case when not signed and ${c.reminders.length} > 0 then ${dueAt.toISOString()}::timestamptz + interval '7 days' end,
          ${c.launchedAt.toISOString()}::timestamptz, coalesce(case when signed then ts_at end, ${c.launchedAt.toISOString()}::timestamptz)
        from y`);
    }
    // The hashes were made in SQL: check a few against the app's own canonical form and hash.
    const sample = rowsOf<{ signed_document: string; signed_sha256: string }>(
      await tx.execute(sql`
        select signed_document, signed_sha256 from attestation_requests
        where org_id = ${orgId}::uuid and status = 'signed' order by id limit 5`),
    );
    for (const r of sample) {
      const doc = JSON.parse(r.signed_document) as SignedAttestation;
      if (
        signedAttestationJson(doc) !== r.signed_document ||
        hashSignedAttestation(doc) !== r.signed_sha256
      )
        throw new Error('a generated signed attestation does not match its canonical form or hash');
    }
  });
}

/**
 * A year of one tenant, generated set-based in SQL: `people` people (60% vendor staff over
 * people/50 vendors), about three grants each requested through the year (a tenth revoked) with
 * two approval steps, two signals per person over the year, a case per 40 people with a
 * four-entry timeline, a year of access reviews, vendor reviews and attestations
 * (generateReviewsAndAttestations), and `auditEntries` audit entries spread over the year (hashed in JS, since
 * the chain must verify).
 */
async function generateYear(orgId: string, people: number, auditEntries: number, userId: string) {
  const start = new Date(Date.now() - 365 * DAY_MS);
  const vendors = Math.max(1, Math.floor(people / 50));
  await withSystem(async (tx) => {
    await tx.execute(sql`
      insert into vendors (org_id, name, tier, inherent_tier, questionnaire, status, contract_end, next_review_at, certifications, sub_processors, created_at)
      select ${orgId}::uuid, 'Vendor ' || g, (array['critical','high','medium','low'])[1 + g % 4],
        (array['critical','high','medium','low'])[1 + g % 4], '{}'::jsonb, 'active',
        (current_date + (g % 400 - 30))::date, (current_date + (g % 200 - 20))::date,
        jsonb_build_array(jsonb_build_object('name', 'ISO 27001', 'expiresOn', (current_date + (g % 300))::text)),
        jsonb_build_array(jsonb_build_object('name', 'Cloud ' || g, 'country', 'DE')),
        ${start.toISOString()}::timestamptz
      from generate_series(1, ${vendors}) g`);
    await tx.execute(sql`
      insert into people (org_id, email, full_name, type, vendor_id, department, country, background_check_status, created_at)
      with v as (select id, row_number() over (order by name) - 1 as n from vendors where org_id = ${orgId}::uuid)
      select ${orgId}::uuid, 'p' || g || '@bench.test', 'Person ' || g,
        case when g % 10 < 6 then 'vendor_staff' else 'employee' end,
        case when g % 10 < 6 then v.id end, 'Dept ' || g % 20, 'GB',
        (array['clear','clear','clear','pending','not_started','consider'])[1 + g % 6], ${start.toISOString()}::timestamptz
      from generate_series(1, ${people}) g
      left join v on v.n = g % ${vendors}`);
    await tx.execute(sql`
      insert into systems (org_id, name, criticality, created_at)
      select ${orgId}::uuid, 'System ' || g, 'high', ${start.toISOString()}::timestamptz from generate_series(1, 10) g`);
    await tx.execute(sql`
      insert into privileges (org_id, system_id, name, sensitivity)
      select ${orgId}::uuid, s.id, p.name, p.sens
      from systems s, (values ('view','low'),('edit','medium'),('export','high'),('admin','critical')) p(name, sens)
      where s.org_id = ${orgId}::uuid`);
    await tx.execute(sql`
      insert into access_grants (org_id, person_id, system_id, privilege_id, status, source, justification,
        duration_days, requested_by, requested_at, decided_at, starts_at, expires_at, ended_at, revoked_by, end_reason, created_at)
      with pr as (select id, system_id, row_number() over (order by id) - 1 as n from privileges where org_id = ${orgId}::uuid),
        p as (select id, row_number() over (order by id) as n from people where org_id = ${orgId}::uuid),
        g as (select p.id as person_id, p.n * 3 + k as n, k from p, generate_series(0, 2) k)
      select ${orgId}::uuid, g.person_id, pr.system_id, pr.id,
        case when g.n % 10 = 0 then 'revoked' when g.n % 17 = 0 then 'pending' else 'active' end, 'request',
        'bench justification ' || g.n, 90, ${userId}::uuid,
        ${start.toISOString()}::timestamptz + (g.n % 360) * interval '1 day',
        case when g.n % 17 = 0 and g.n % 10 <> 0 then null else ${start.toISOString()}::timestamptz + (g.n % 360) * interval '1 day' + interval '3 hours' end,
        ${start.toISOString()}::timestamptz + (g.n % 360) * interval '1 day' + interval '4 hours',
        ${start.toISOString()}::timestamptz + (g.n % 360 + 90) * interval '1 day',
        case when g.n % 10 = 0 then ${start.toISOString()}::timestamptz + (g.n % 360 + 2) * interval '1 day' end,
        case when g.n % 10 = 0 then ${userId}::uuid end,
        case when g.n % 10 = 0 then 'access review' end,
        ${start.toISOString()}::timestamptz + (g.n % 360) * interval '1 day'
      from g join pr on pr.n = g.n % 40`);
    await tx.execute(sql`
      insert into approval_steps (org_id, grant_id, seq, kind, approver_user_id, status, decided_by, decided_at, comment)
      select g.org_id, g.id, s.seq, (array['manager','system_owner'])[s.seq], ${userId}::uuid,
        case when g.status = 'pending' then 'pending' else 'approved' end,
        case when g.status = 'pending' then null else ${userId}::uuid end, g.decided_at, 'ok'
      from access_grants g, generate_series(1, 2) s(seq) where g.org_id = ${orgId}::uuid`);
    await tx.execute(sql`
      insert into signals (org_id, kind, person_id, severity, window_start, window_end, dedupe_key, explanation, detector_version, status, status_reason, status_by, status_at, created_at)
      select ${orgId}::uuid,
        (array['bulk_record_access','off_hours','new_country','access_without_ticket','volume_spike','impossible_travel'])[1 + n % 6],
        p.id, (array['low','medium','high','critical'])[1 + n % 4],
        ${start.toISOString()}::timestamptz + (n % 364) * interval '1 day', ${start.toISOString()}::timestamptz + (n % 364) * interval '1 day' + interval '1 hour',
        'bench:' || n, 'bench signal ' || n, 'bench',
        (array['open','acknowledged','dismissed','escalated'])[1 + n % 4],
        case when n % 4 = 2 then 'expected behaviour' end,
        case when n % 4 <> 0 then ${userId}::uuid end,
        case when n % 4 <> 0 then ${start.toISOString()}::timestamptz + (n % 364 + 1) * interval '1 day' end,
        ${start.toISOString()}::timestamptz + (n % 364) * interval '1 day' + interval '2 hours'
      from (select id, row_number() over (order by id) * 2 + k as n from people, generate_series(0, 1) k where org_id = ${orgId}::uuid) p`);
    await tx.execute(sql`
      insert into cases (org_id, number, title, severity, status, assignee_user_id, opened_by, opened_at, closed_by, closed_at, outcome, closing_rationale)
      select ${orgId}::uuid, g, 'Case ' || g, 'high', case when g % 3 = 0 then 'open' else 'closed' end, ${userId}::uuid, ${userId}::uuid,
        ${start.toISOString()}::timestamptz + (g % 360) * interval '1 day',
        case when g % 3 <> 0 then ${userId}::uuid end,
        case when g % 3 <> 0 then ${start.toISOString()}::timestamptz + (g % 360 + 3) * interval '1 day' end,
        case when g % 3 = 1 then 'substantiated' when g % 3 = 2 then 'unsubstantiated' end,
        case when g % 3 <> 0 then 'bench rationale' end
      from generate_series(1, ${Math.max(1, Math.floor(people / 40))}) g`);
    await tx.execute(sql`
      insert into case_events (org_id, case_id, kind, actor_user_id, at, body, data)
      select c.org_id, c.id, (array['opened','note','status_changed','closed'])[k], ${userId}::uuid, c.opened_at + k * interval '1 hour', 'bench', '{}'::jsonb
      from cases c, generate_series(1, 4) k where c.org_id = ${orgId}::uuid`);
    await tx.execute(sql`
      insert into case_people (org_id, case_id, person_id)
      select c.org_id, c.id, p.id from (select id, org_id, row_number() over (order by id) as n from cases where org_id = ${orgId}::uuid) c
      join (select id, row_number() over (order by id) as n from people where org_id = ${orgId}::uuid) p on p.n = c.n`);
  });
  await generateReviewsAndAttestations(orgId, userId, start);
  // Audit entries: a valid chain across the year (after whatever the setup wrote).
  await withSystem(
    async (tx) => {
      const head = await tx.execute(
        sql`select seq, hash from audit_log where org_id = ${orgId}::uuid order by seq desc limit 1`,
      );
      const rows = (Array.isArray(head) ? head : (head as { rows: unknown[] }).rows) as {
        seq: number | string;
        hash: string;
      }[];
      let seq = Number(rows[0]?.seq ?? 0);
      let prevHash = rows[0]?.hash ?? GENESIS_HASH;
      // Spread over the past year; they follow the setup's own entries in seq.
      const step = (365 * DAY_MS) / auditEntries;
      const first = Date.now() - 365 * DAY_MS;
      const batch: (typeof auditLog.$inferInsert)[] = [];
      for (let i = 0; i < auditEntries; i++) {
        seq += 1;
        const content: AuditEntryContent = {
          orgId,
          seq,
          id: crypto.randomUUID(),
          occurredAt: new Date(first + i * step).toISOString(),
          actorType: 'user',
          actorId: userId,
          actorLabel: 'bench@bench.test',
          action: 'access.approve',
          entityType: 'access_grant',
          entityId: String(i),
          before: { status: 'pending' },
          after: { status: 'active', note: `step ${i}` },
          requestId: `r${i}`,
          ip: '10.0.0.1',
        };
        const hash = hashAuditEntry(content, prevHash);
        batch.push({ ...content, occurredAt: new Date(content.occurredAt), prevHash, hash });
        prevHash = hash;
        if (batch.length === 2000) await tx.insert(auditLog).values(batch.splice(0));
      }
      if (batch.length) await tx.insert(auditLog).values(batch);
      await tx.execute(sql`analyze`);
    },
    { orgId },
  );
  const counts = await withSystem(async (tx) => {
    const r = await tx.execute(sql`select
      (select count(*) from people where org_id = ${orgId}::uuid)::int as people,
      (select count(*) from access_grants where org_id = ${orgId}::uuid)::int as grants,
      (select count(*) from approval_steps where org_id = ${orgId}::uuid)::int as approval_steps,
      (select count(*) from signals where org_id = ${orgId}::uuid)::int as signals,
      (select count(*) from cases where org_id = ${orgId}::uuid)::int as cases,
      (select count(*) from case_events where org_id = ${orgId}::uuid)::int as case_events,
      (select count(*) from access_review_campaigns where org_id = ${orgId}::uuid)::int as review_campaigns,
      (select count(*) from access_review_items where org_id = ${orgId}::uuid)::int as review_items,
      (select count(*) from access_review_decisions where org_id = ${orgId}::uuid)::int as review_decisions,
      (select count(*) from access_review_items where org_id = ${orgId}::uuid and decision = 'revoke')::int as revoked_in_review,
      (select count(*) from vendor_reviews where org_id = ${orgId}::uuid)::int as vendor_reviews,
      (select count(*) from vendor_review_findings where org_id = ${orgId}::uuid)::int as vendor_findings,
      (select count(*) from vendor_review_evidence where org_id = ${orgId}::uuid)::int as vendor_evidence_files,
      (select count(*) from attestation_campaigns where org_id = ${orgId}::uuid)::int as attestation_campaigns,
      (select count(*) from attestation_requests where org_id = ${orgId}::uuid)::int as attestation_requests,
      (select count(*) from attestation_requests where org_id = ${orgId}::uuid and status = 'signed')::int as signed,
      (select count(*) from audit_log where org_id = ${orgId}::uuid)::int as audit_entries`);
    const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<
      string,
      number
    >[];
    return rows[0]!;
  });
  return counts;
}

/**
 * `BENCH_SUITES=evidence`: exports the past year of the tenant (every section) to a file and
 * times it, sampling RSS and heap; the caller runs it at two sizes to show memory stays flat
 * (target: a year of a 10,000-person tenant in ≤ 60 s, docs/BENCHMARKS.md §Targets).
 */
export async function benchEvidence(
  orgId: string,
  userId: string,
  opts: { people: number; auditEntries: number },
): Promise<EvidenceBenchResult> {
  const rows = await generateYear(orgId, opts.people, opts.auditEntries, userId);
  const out = path.join(os.tmpdir(), `vigil-bench-evidence-${process.pid}-${opts.people}.zip`);
  const today = isoDay(new Date());
  const from = isoDay(new Date(Date.now() - 365 * DAY_MS));
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const t0 = performance.now();
  const result = await exportEvidencePackageAsOperator(
    orgId,
    // Every section, as `vigil evidence export` without --scope.
    evidenceRequestSchema.parse({ from, to: today, scope: availableSections() }),
    out,
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const t1 = performance.now();
  const verified = await verifyEvidencePackage(out);
  const verifySeconds = (performance.now() - t1) / 1000;
  if (!verified.ok) throw new Error('the benchmark package did not verify');
  // BENCH_EVIDENCE_KEEP=1 leaves the package in the temp directory to look at.
  if (process.env.BENCH_EVIDENCE_KEEP) console.log(`kept ${out}`);
  else fs.rmSync(out, { force: true });
  const mb = (n: number) => Math.round((n / 1024 ** 2) * 10) / 10;
  return {
    people: opts.people,
    rows,
    seconds,
    bytes: result.bytes,
    packageRows: result.rows,
    peakRssMb: mb(peakRss - base.rss),
    peakHeapMb: mb(peakHeap - base.heapUsed),
    verifySeconds,
  };
}
